import type { Membership, MembershipInput, Role, RoleRef } from '@/api/types'

export interface MembershipRow {
  key: number
  unit_id: number | null
  unit_name: string
  post: string
  role_ids: number[]
}

export interface RoleOption {
  id: number
  name: string
  key: string
}

let nextKey = 1

export function newRow(): MembershipRow {
  return { key: nextKey++, unit_id: null, unit_name: '', post: '', role_ids: [] }
}

export function rowsFrom(memberships: Membership[]): MembershipRow[] {
  if (!memberships.length) return [newRow()]
  return memberships.map((m) => ({
    key: nextKey++,
    unit_id: m.unit_id,
    unit_name: m.unit_name,
    post: m.post ?? '',
    role_ids: m.roles.map((r) => r.id),
  }))
}

export function toInput(rows: MembershipRow[]): MembershipInput[] {
  return rows
    .filter((r) => r.unit_id !== null)
    .map((r) => ({ unit_id: r.unit_id as number, post: r.post.trim(), role_ids: [...r.role_ids] }))
}

/** A Chinese message when the rows cannot be sent, else null. */
export function checkRows(rows: MembershipRow[]): string | null {
  if (!rows.length) return '至少需要一个任职单位'
  if (rows.some((r) => r.unit_id === null)) return '请为每一行选择任职单位（不需要的行请删除）'
  const ids = rows.map((r) => r.unit_id)
  if (new Set(ids).size !== ids.length) return '同一单位只能任职一次'
  return null
}

/** Roles the current user may grant, plus those the rows already hold (so their names show). */
export function roleOptions(assignable: Role[], held: RoleRef[]): RoleOption[] {
  const out = new Map<number, RoleOption>()
  for (const r of assignable) out.set(r.id, { id: r.id, name: r.name, key: r.key })
  for (const r of held) if (!out.has(r.id)) out.set(r.id, { id: r.id, name: r.name, key: r.key })
  return [...out.values()]
}
