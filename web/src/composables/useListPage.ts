import { computed, reactive, ref, shallowRef, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { ListQuery } from '@/api/types'

export type SortOrder = 'asc' | 'desc'

/** What el-table's sort-change event passes. */
export interface SortChange {
  prop: string | null
  order: 'ascending' | 'descending' | null
}

export interface ListPageOptions<T, F extends object, Q extends object> {
  /** Asks the server for one page: the applied filters, then page, page_size, sort and order. */
  fetch: (query: Q & ListQuery) => Promise<{ items: T[]; total?: number }>
  /** The empty search form; 重置 goes back to it. */
  filters?: () => F
  /** The search form as the server's query: trimmed, with unset filters left undefined. */
  toQuery?: (filters: F) => Q
  /** The order when no column is sorted (none unless given). */
  sort?: string
  order?: SortOrder
  pageSize?: number
  /** Downloads the list with the applied filters and returns the file name. */
  exportFile?: (query: Q) => Promise<string>
  /** What 搜索 and 重置 do once the filters are applied; loads the first page unless given. */
  reload?: () => unknown
}

/**
 * The state of a list page: the search form, the filters in force (applied by 搜索, so paging and
 * export keep them even if the form changes), paging, server-side sorting and the loaded rows.
 */
export function useListPage<T, F extends object = object, Q extends object = object>(options: ListPageOptions<T, F, Q>) {
  const blank = options.filters ?? (() => ({}) as F)
  const toQuery = options.toQuery ?? (() => ({}) as Q)
  const defaultSort = options.sort ?? ''
  const defaultOrder = options.order ?? 'asc'

  const filters = reactive(blank()) as F
  const applied = shallowRef<Q>(toQuery(blank()))
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 20)
  const sort = ref(defaultSort)
  const order = ref<SortOrder>(defaultOrder)
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const exporting = ref(false)

  /** Some filter is in force. */
  const hasFilter = computed(() => Object.values(applied.value).some((v) => v !== undefined))

  /** The filters in force, as the server's query (for export). */
  function query(): Q {
    return { ...applied.value }
  }

  async function load() {
    loading.value = true
    try {
      const res = await options.fetch({ ...applied.value, page: page.value, page_size: pageSize.value, sort: sort.value, order: order.value })
      items.value = res.items
      total.value = res.total ?? res.items.length
    } catch {
      items.value = []
      total.value = 0
    } finally {
      loading.value = false
    }
  }

  /** 搜索: applies the form's filters and goes back to page 1. */
  function search() {
    applied.value = toQuery(filters)
    page.value = 1
    if (options.reload) void options.reload()
    else void load()
  }

  /** 重置: empties the form and searches. */
  function reset() {
    Object.assign(filters, blank())
    search()
  }

  /** el-table's sort-change: sorts by the column on the server; unsorted goes back to the default order. */
  function onSortChange({ prop, order: dir }: SortChange) {
    if (prop && dir) {
      sort.value = prop
      order.value = dir === 'descending' ? 'desc' : 'asc'
    } else {
      sort.value = defaultSort
      order.value = defaultOrder
    }
    page.value = 1
    void load()
  }

  /** 导出: downloads the list with the filters in force. */
  async function doExport() {
    if (!options.exportFile) return
    exporting.value = true
    try {
      const name = await options.exportFile(query())
      ElMessage.success(`已导出：${name}`)
    } catch {
      /* message already shown */
    } finally {
      exporting.value = false
    }
  }

  return { filters, page, pageSize, sort, order, items, total, loading, exporting, hasFilter, query, load, search, reset, onSortChange, doExport }
}
