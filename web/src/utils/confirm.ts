import { ElMessageBox } from 'element-plus'

/** Asks before deleting something; true when the user chose 删除. */
export async function confirmDelete(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: '删除',
      cancelButtonText: '取消',
      confirmButtonClass: 'el-button--danger',
    })
    return true
  } catch {
    return false
  }
}

/**
 * A name in Chinese quotation marks for a message, without doubling them: a case titled
 * “家长学校进社区” is shown quoted once, not ““家长学校进社区””, and quotation marks inside a
 * name become single ones (‘…’), as Chinese typesetting nests them.
 */
export function quoted(name: string): string {
  let s = name.trim()
  if (s.length >= 2 && /^[“"]/.test(s) && /[”"]$/.test(s)) s = s.slice(1, -1)
  return `“${s.replace(/“/g, '‘').replace(/”/g, '’')}”`
}
