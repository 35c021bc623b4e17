import { defineStore } from 'pinia'
import { computed, ref, type ComputedRef } from 'vue'
import { listDicts } from '@/api/system'
import type { DictItem, DictType } from '@/api/types'

/** Dictionaries (GET /api/v1/dicts), loaded once per session and shared by every page. */
export const useDictStore = defineStore('dict', () => {
  const types = ref<DictType[]>([])
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  const byCode = computed(() => {
    const m = new Map<string, DictType>()
    for (const t of types.value) m.set(t.code, t)
    return m
  })

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve()
    if (pending) return pending
    pending = listDicts()
      .then((res) => {
        types.value = res.types ?? []
        loaded.value = true
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  /** All items of a type, sorted; `activeOnly` leaves out disabled items (for choosing). */
  function items(type: string, activeOnly = false): DictItem[] {
    const list = [...(byCode.value.get(type)?.items ?? [])].sort((a, b) => a.sort - b.sort || a.id - b.id)
    return activeOnly ? list.filter((i) => i.status === 'active') : list
  }

  /** The label of a value; the raw value when the dictionary does not know it. */
  function label(type: string, value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return ''
    return byCode.value.get(type)?.items.find((i) => i.value === value)?.label ?? value
  }

  function reset() {
    types.value = []
    loaded.value = false
  }

  return { types, loaded, byCode, load, items, label, reset }
})

export interface UseDict {
  /** Every item, for showing labels. */
  all: ComputedRef<DictItem[]>
  /** Enabled items, for selects. */
  options: ComputedRef<DictItem[]>
  label: (value: string | null | undefined) => string
}

/** RuoYi's useDict: `const unitType = useDict('unit_type')`. Starts the load if needed. */
export function useDict(type: string): UseDict {
  const store = useDictStore()
  void store.load().catch(() => {})
  return {
    all: computed(() => store.items(type)),
    options: computed(() => store.items(type, true)),
    label: (value) => store.label(type, value),
  }
}
