import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import RecommendOrder from '@/views/cases/review/RecommendOrder.vue'
import type { PackageRow } from '@/api/cases-review'

// el-button as a plain button (disabled honoured), el-icon as a span.
const ElButton = defineComponent({
  name: 'ElButton',
  inheritAttrs: false,
  props: { disabled: Boolean },
  emits: ['click'],
  setup(props, { attrs, emit }) {
    return () => h('button', { ...attrs, disabled: props.disabled, onClick: () => emit('click') })
  },
})
const ElIcon = defineComponent({ name: 'ElIcon', setup: (_, { slots }) => () => h('span', slots.default?.()) })

const rows: PackageRow[] = [10, 20, 30].map((id, i) => ({ case_id: id, rank: i + 1, unit: `学校${id}`, title: `案例${id}`, phone: '', remark: '' }))

function mountOrder(props: Partial<{ readonly: boolean; busy: boolean }> = {}) {
  return mount(RecommendOrder, {
    props: { rows, readonly: false, busy: false, ...props },
    global: { stubs: { ElButton, ElIcon } },
  })
}

/** A DragEvent stand-in jsdom accepts (it has no DataTransfer). */
function dataTransfer() {
  const data: Record<string, string> = {}
  return { setData: (k: string, v: string) => (data[k] = v), getData: (k: string) => data[k], effectAllowed: '', dropEffect: '' }
}

describe('RecommendOrder', () => {
  it('moves with 上移 and 下移 and says which case moved', async () => {
    const w = mountOrder()
    await w.get('[data-test="recommend-up-20"]').trigger('click')
    await w.get('[data-test="recommend-down-10"]').trigger('click')
    expect(w.emitted('reorder')).toEqual([
      [[20, 10, 30], 20],
      [[20, 10, 30], 10],
    ])
  })
  it('disables 上移 on the first and 下移 on the last', () => {
    const w = mountOrder()
    expect(w.get('[data-test="recommend-up-10"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-test="recommend-down-30"]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-test="recommend-down-10"]').attributes('disabled')).toBeUndefined()
  })
  it('moves a dragged case to where it is dropped', async () => {
    const w = mountOrder()
    const dt = dataTransfer()
    await w.get('[data-test="recommend-item-30"]').trigger('dragstart', { dataTransfer: dt })
    await w.get('[data-test="recommend-item-10"]').trigger('dragover', { dataTransfer: dt })
    expect(w.get('[data-test="recommend-item-10"]').classes()).toContain('over')
    await w.get('[data-test="recommend-item-10"]').trigger('drop', { dataTransfer: dt })
    expect(w.emitted('reorder')).toEqual([[[30, 10, 20], 30]])
    expect(w.get('[data-test="recommend-item-10"]').classes()).not.toContain('over')
  })
  it('does not move while saving, and shows no controls once sent', async () => {
    const busy = mountOrder({ busy: true })
    expect(busy.get('[data-test="recommend-item-10"]').attributes('draggable')).toBe('false')
    await busy.get('[data-test="recommend-item-30"]').trigger('dragstart', { dataTransfer: dataTransfer() })
    await busy.get('[data-test="recommend-item-10"]').trigger('drop')
    expect(busy.emitted('reorder')).toBeUndefined()
    const sent = mountOrder({ readonly: true })
    expect(sent.find('[data-test="recommend-up-20"]').exists()).toBe(false)
    expect(sent.findAll('li').map((li) => li.text())).toEqual(['1案例10学校10', '2案例20学校20', '3案例30学校30'])
  })
})
