import { watch } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'

/**
 * Puts a server error on the form item it names (error.field) and returns true; otherwise
 * shows it as a message. The form keeps whatever the user typed.
 */
export function applyServerError(e: unknown, fieldErrors: Record<string, string>, known: readonly string[]): boolean {
  for (const k of Object.keys(fieldErrors)) fieldErrors[k] = ''
  if (e instanceof ApiError) {
    if (e.status === 401) return false
    const field = e.field ? known.find((k) => e.field === k || e.field!.startsWith(`${k}[`) || e.field!.startsWith(`${k}.`)) : undefined
    if (field) {
      fieldErrors[field] = e.message
      return true
    }
    ElMessage.error(e.message)
    return false
  }
  if (e instanceof Error) ElMessage.error(e.message)
  return false
}

export function clearErrors(fieldErrors: Record<string, string>) {
  for (const k of Object.keys(fieldErrors)) fieldErrors[k] = ''
}

/**
 * Clears a field's server message as soon as that field is edited (a stale 用户名已存在 under a
 * corrected name helps nobody); the other fields keep theirs. `model` returns the form's model
 * (undefined until the form exists).
 */
export function clearErrorsOnEdit(model: () => Record<string, unknown> | undefined, fieldErrors: Record<string, string>, fields: readonly string[]) {
  watch(
    () => {
      const m = model()
      return m ? fields.map((f) => JSON.stringify(m[f] ?? null)) : []
    },
    (now, before) => {
      now.forEach((v, i) => {
        if (before && i < before.length && v !== before[i]) fieldErrors[fields[i]!] = ''
      })
    },
  )
}
