/** The server's `path` runs from the root down to the unit itself: "市局 / 区局 / 学校". */
export function pathParts(path: string | null | undefined): string[] {
  return (path ?? '')
    .split(' / ')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The names above the unit: "市局 / 区局" for "市局 / 区局 / 学校". */
export function parentPathOf(unit: { path?: string | null; name: string; parent_id?: number | null }): string {
  const parts = pathParts(unit.path)
  if (parts.length && parts[parts.length - 1] === unit.name) parts.pop()
  if (unit.parent_id === null && parts.length === 0) return ''
  return parts.join(' / ')
}
