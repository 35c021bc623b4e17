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
