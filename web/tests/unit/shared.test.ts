import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import { Bell, Menu, School } from '@element-plus/icons-vue'
import { menuIcon } from '@/utils/icons'
import { confirmDelete } from '@/utils/confirm'
import ListPager from '@/components/ListPager.vue'
import FormDialog from '@/components/FormDialog.vue'

vi.mock('element-plus', () => ({ ElMessageBox: { confirm: vi.fn() } }))

/** A stub that renders its slots (the default one, then the footer) inside a tag. */
function slotStub(tag: string, name: string) {
  return defineComponent({
    name,
    inheritAttrs: false,
    setup(_, { slots, attrs }) {
      return () => h(tag, attrs, [slots.default?.(), slots.footer?.()])
    },
  })
}

describe('menuIcon', () => {
  it('finds the icons a server menu may name and falls back to Menu', () => {
    expect(menuIcon('Bell')).toBe(Bell)
    expect(menuIcon('School')).toBe(School)
    expect(menuIcon('NoSuchIcon')).toBe(Menu)
    expect(menuIcon('constructor')).toBe(Menu)
    expect(menuIcon('')).toBe(Menu)
    expect(menuIcon(null)).toBe(Menu)
  })
})

describe('confirmDelete', () => {
  it('asks with a red 删除 button and says whether the user agreed', async () => {
    const confirm = vi.mocked(ElMessageBox.confirm)
    confirm.mockResolvedValueOnce('confirm' as never)
    expect(await confirmDelete('确定删除角色“教师”吗？', '删除角色')).toBe(true)
    expect(confirm).toHaveBeenCalledWith('确定删除角色“教师”吗？', '删除角色', {
      type: 'warning',
      confirmButtonText: '删除',
      cancelButtonText: '取消',
      confirmButtonClass: 'el-button--danger',
    })
    confirm.mockRejectedValueOnce('cancel')
    expect(await confirmDelete('x', 'y')).toBe(false)
  })
})

describe('ListPager', () => {
  function mountPager(page = 3) {
    return mount(ListPager, {
      props: { page, pageSize: 20, total: 95 },
      global: { stubs: { ElPagination: slotStub('nav', 'ElPagination') } },
    })
  }

  it('passes the page, size and total on, with the usual page sizes', () => {
    const pager = mountPager().findComponent({ name: 'ElPagination' })
    expect(pager.attributes()).toMatchObject({ 'current-page': '3', 'page-size': '20', total: '95', 'page-sizes': '10,20,50,100' })
  })

  it('asks for a load on a new page', async () => {
    const w = mountPager()
    const pager = w.findComponent({ name: 'ElPagination' })
    pager.vm.$emit('update:current-page', 4)
    pager.vm.$emit('current-change', 4)
    expect(w.emitted('update:page')).toEqual([[4]])
    expect(w.emitted('change')).toHaveLength(1)
  })

  it('goes back to page 1 when the page size changes, before asking for a load', async () => {
    const w = mountPager()
    const pager = w.findComponent({ name: 'ElPagination' })
    pager.vm.$emit('update:page-size', 50)
    pager.vm.$emit('size-change', 50)
    expect(w.emitted('update:pageSize')).toEqual([[50]])
    expect(w.emitted('update:page')).toEqual([[1]])
    expect(w.emitted('change')).toHaveLength(1)
  })
})

describe('FormDialog', () => {
  function mountDialog(props: Record<string, unknown> = {}) {
    return mount(FormDialog, {
      props: { modelValue: true, title: '新增用户', width: '760px', saving: false, saveTest: 'user-save', ...props },
      attrs: { 'data-test': 'user-create-dialog' },
      slots: { default: () => h('form', { id: 'the-form' }) },
      global: { stubs: { ElDialog: slotStub('section', 'ElDialog'), ElButton: slotStub('button', 'ElButton') } },
    })
  }

  it('wraps the form with 取消 and the save button, and does not close on a click outside', () => {
    const w = mountDialog()
    const dialog = w.find('section')
    expect(dialog.attributes()).toMatchObject({ 'data-test': 'user-create-dialog', title: '新增用户', width: '760px', 'append-to-body': '' })
    expect(dialog.attributes('close-on-click-modal')).toBe('false')
    expect(w.find('#the-form').exists()).toBe(true)
    expect(w.findAll('button').map((b) => b.text())).toEqual(['取消', '保存'])
    expect(w.find('[data-test="user-save"]').attributes('loading')).toBe('false')
  })

  it('saves on the save button and closes on 取消', async () => {
    const w = mountDialog({ saving: true, saveText: '重置' })
    const [cancel, save] = w.findAll('button')
    expect(save!.text()).toBe('重置')
    expect(save!.attributes('loading')).toBe('true')
    await save!.trigger('click')
    expect(w.emitted('save')).toHaveLength(1)
    await cancel!.trigger('click')
    expect(w.emitted('update:modelValue')).toEqual([[false]])
  })

  it('read-only shows only 关闭', () => {
    const w = mountDialog({ readonly: true })
    expect(w.findAll('button').map((b) => b.text())).toEqual(['关闭'])
  })
})
