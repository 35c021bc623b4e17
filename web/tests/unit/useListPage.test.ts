import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { ElMessage } from 'element-plus'
import { exportUsers, listRoles, listUsers } from '@/api/org'
import type { Page, Role, User, UserQuery } from '@/api/types'
import { useListPage } from '@/composables/useListPage'

vi.mock('@/api/org', () => ({
  listUsers: vi.fn(),
  exportUsers: vi.fn(),
  listRoles: vi.fn(),
}))
vi.mock('element-plus', () => ({ ElMessage: { success: vi.fn(), error: vi.fn() } }))

const listUsersMock = vi.mocked(listUsers)
const exportUsersMock = vi.mocked(exportUsers)

function page(items: Partial<User>[], total = items.length): Page<User> {
  return { items: items as User[], total, page: 1, page_size: 20 }
}

/** What the users page sets up. */
function usersList(reload?: () => unknown) {
  return useListPage({
    fetch: listUsers,
    filters: () => ({ keyword: '', unit_id: null as number | null, status: '' }),
    toQuery: (f): UserQuery => ({ keyword: f.keyword.trim() || undefined, unit_id: f.unit_id ?? undefined, status: f.status || undefined }),
    sort: 'created_at',
    order: 'desc',
    exportFile: exportUsers,
    reload,
  })
}

/** The query of the n-th list call (1-based). */
function call(n: number) {
  return listUsersMock.mock.calls[n - 1]![0]
}

beforeEach(() => {
  vi.clearAllMocks()
  listUsersMock.mockResolvedValue(page([{ id: 1, username: 'admin' }], 41))
})

describe('useListPage', () => {
  it('loads the first page in the default order, with the loading flag up meanwhile', async () => {
    const list = usersList()
    const loaded = list.load()
    expect(list.loading.value).toBe(true)
    await loaded
    expect(list.loading.value).toBe(false)
    expect(call(1)).toEqual({ keyword: undefined, unit_id: undefined, status: undefined, page: 1, page_size: 20, sort: 'created_at', order: 'desc' })
    // The order of the keys is the order of the URL's parameters.
    expect(Object.keys(call(1))).toEqual(['keyword', 'unit_id', 'status', 'page', 'page_size', 'sort', 'order'])
    expect(list.items.value.map((u) => u.username)).toEqual(['admin'])
    expect(list.total.value).toBe(41)
    expect(list.hasFilter.value).toBe(false)
  })

  it('searches with the trimmed filters from page 1; paging keeps them when the form changes', async () => {
    const list = usersList()
    list.page.value = 3
    Object.assign(list.filters, { keyword: '  张 ', unit_id: 7, status: '' })
    list.search()
    await vi.waitFor(() => expect(list.loading.value).toBe(false))
    expect(call(1)).toMatchObject({ keyword: '张', unit_id: 7, status: undefined, page: 1 })
    expect(list.hasFilter.value).toBe(true)

    list.filters.keyword = 'typed but not searched'
    list.page.value = 2
    await list.load()
    expect(call(2)).toMatchObject({ keyword: '张', unit_id: 7, page: 2 })
    expect(list.query()).toEqual({ keyword: '张', unit_id: 7, status: undefined })
  })

  it('reset empties the form and loads page 1 without filters', async () => {
    const list = usersList()
    Object.assign(list.filters, { keyword: 'x', unit_id: 3, status: 'active' })
    list.search()
    list.page.value = 4
    list.reset()
    await vi.waitFor(() => expect(listUsersMock).toHaveBeenCalledTimes(2))
    expect(list.filters).toEqual({ keyword: '', unit_id: null, status: '' })
    expect(call(2)).toMatchObject({ keyword: undefined, unit_id: undefined, status: undefined, page: 1 })
    expect(list.hasFilter.value).toBe(false)
  })

  it('sorts on the server by the clicked column, and back to the default order when unsorted', async () => {
    const list = usersList()
    list.page.value = 5
    list.onSortChange({ prop: 'username', order: 'ascending' })
    await vi.waitFor(() => expect(listUsersMock).toHaveBeenCalledTimes(1))
    expect(call(1)).toMatchObject({ page: 1, sort: 'username', order: 'asc' })

    list.onSortChange({ prop: 'display_name', order: 'descending' })
    list.onSortChange({ prop: 'display_name', order: null })
    await vi.waitFor(() => expect(listUsersMock).toHaveBeenCalledTimes(3))
    expect(call(2)).toMatchObject({ sort: 'display_name', order: 'desc' })
    expect(call(3)).toMatchObject({ sort: 'created_at', order: 'desc' })
    expect(list.sort.value).toBe('created_at')
  })

  it('shows an empty list when the server fails (it has shown the message)', async () => {
    const list = usersList()
    await list.load()
    listUsersMock.mockRejectedValueOnce(new Error('down'))
    await list.load()
    expect(list.items.value).toEqual([])
    expect(list.total.value).toBe(0)
    expect(list.loading.value).toBe(false)
  })

  it('exports with the filters in force and names the file', async () => {
    exportUsersMock.mockResolvedValue('用户列表.xlsx')
    const list = usersList()
    list.filters.status = 'disabled'
    list.search()
    list.filters.status = 'active' // not searched yet
    const done = list.doExport()
    expect(list.exporting.value).toBe(true)
    await done
    expect(list.exporting.value).toBe(false)
    expect(exportUsersMock).toHaveBeenCalledWith({ keyword: undefined, unit_id: undefined, status: 'disabled' })
    expect(ElMessage.success).toHaveBeenCalledWith('已导出：用户列表.xlsx')
  })

  it('keeps quiet when the export fails (the message was shown)', async () => {
    exportUsersMock.mockRejectedValue(new Error('403'))
    const list = usersList()
    await list.doExport()
    expect(list.exporting.value).toBe(false)
    expect(ElMessage.success).not.toHaveBeenCalled()
  })

  it('lets the page decide what 搜索 reloads', async () => {
    const reload = vi.fn()
    const list = usersList(reload)
    list.filters.keyword = 'a'
    list.search()
    list.reset()
    await nextTick()
    expect(reload).toHaveBeenCalledTimes(2)
    expect(listUsersMock).not.toHaveBeenCalled()
    expect(list.page.value).toBe(1)
  })

  it('serves a list without filters or paging (roles): the total is the number of rows', async () => {
    vi.mocked(listRoles).mockResolvedValue({ items: [{ id: 1 }, { id: 2 }] as Role[] })
    const list = useListPage({ fetch: listRoles })
    await list.load()
    expect(listRoles).toHaveBeenCalledTimes(1)
    expect(list.items.value).toHaveLength(2)
    expect(list.total.value).toBe(2)
    expect(list.hasFilter.value).toBe(false)
  })
})
