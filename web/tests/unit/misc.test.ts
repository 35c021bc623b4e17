import { describe, expect, it } from 'vitest'
import { safeRedirect } from '@/router'
import { parentPathOf } from '@/utils/unit'
import { diffRows } from '@/utils/audit'
import { checkRows, toInput, roleOptions } from '@/views/org/users/membership'

describe('safeRedirect', () => {
  it.each([
    ['/org/users?page=2', '/org/users?page=2'],
    ['//evil.example/x', '/index'],
    ['https://evil.example', '/index'],
    ['/\\evil', '/index'],
    ['/login?redirect=/x', '/index'],
    [undefined, '/index'],
    [['/org/units'], '/org/units'],
  ])('%j → %s', (raw, expected) => {
    expect(safeRedirect(raw)).toBe(expected)
  })
})

describe('parentPathOf', () => {
  it('drops the unit itself from the path', () => {
    expect(parentPathOf({ name: '历下区实验小学', path: '济南市教育局 / 历下区教育局 / 历下区实验小学', parent_id: 2 })).toBe('济南市教育局 / 历下区教育局')
    expect(parentPathOf({ name: '济南市教育局', path: '济南市教育局', parent_id: null })).toBe('')
    expect(parentPathOf({ name: 'X', path: '', parent_id: null })).toBe('')
  })
})

describe('diffRows', () => {
  it('reads before/after pairs and plain facts', () => {
    expect(diffRows({ name: ['旧名', '新名'], city_affiliated: [false, true], rows: 12 })).toEqual([
      { field: '名称', before: '旧名', after: '新名', change: true },
      { field: '局属学校', before: '否', after: '是', change: true },
      { field: '导出条数', before: '', after: '12', change: false },
    ])
    expect(diffRows(null)).toEqual([])
    expect(diffRows('{"a":[1,2]}')).toEqual([{ field: 'a', before: '1', after: '2', change: true }])
    expect(diffRows('not json')).toEqual([{ field: '详情', before: '', after: 'not json', change: false }])
  })
  it('shows a permission change as what was added and what was removed', () => {
    const before = ['org:unit:list=subtree', 'org:user:list=own_unit']
    const after = ['org:unit:list=subtree', 'sys:audit:list=all']
    expect(diffRows({ permissions: [before, after] })).toEqual([
      { field: '权限（新增）', before: '', after: 'sys:audit:list=all', change: true },
      { field: '权限（移除）', before: 'org:user:list=own_unit', after: '', change: true },
    ])
    expect(diffRows({ permissions: [null, ['a=all']] })).toEqual([{ field: '权限（新增）', before: '', after: 'a=all', change: true }])
    expect(diffRows({ permissions: [['a=all'], ['a=all']] })).toEqual([])
  })
})

describe('membership rows', () => {
  const row = (unit_id: number | null, role_ids: number[] = []) => ({ key: 1, unit_id, unit_name: '', post: ' 教师 ', role_ids })

  it('need a unit on every row and no unit twice', () => {
    expect(checkRows([])).toBe('至少需要一个任职单位')
    expect(checkRows([row(null)])).toMatch(/选择任职单位/)
    expect(checkRows([row(3), row(3)])).toBe('同一单位只能任职一次')
    expect(checkRows([row(3), row(4)])).toBeNull()
  })

  it('become the API input', () => {
    expect(toInput([row(3, [1, 2])])).toEqual([{ unit_id: 3, post: '教师', role_ids: [1, 2] }])
  })

  it('keep held roles the user may not grant, so their names show', () => {
    const opts = roleOptions([{ id: 1, key: 'teacher', name: '教师' } as never], [{ id: 9, key: 'x', name: '校长' }])
    expect(opts.map((o) => o.name)).toEqual(['教师', '校长'])
  })
})
