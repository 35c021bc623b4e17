import { reactive, ref, watch, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { applyServerError, clearErrors, clearErrorsOnEdit } from '@/utils/form'

/**
 * The shared part of a dialog with a form that saves through the API.
 *
 * - `formRef`: the dialog's `<el-form ref="formRef">`.
 * - `fields`: the form items the server may name in `error.field`; `errors` holds one message
 *   for each, to bind as `<el-form-item :error="errors.name">`.
 * - `onOpen`: fills the form each time the dialog opens, after last time's errors and validation
 *   marks are cleared.
 */
export function useFormDialog(visible: Ref<boolean>, formRef: Ref<FormInstance | undefined>, fields: readonly string[], onOpen?: () => unknown) {
  const errors = reactive<Record<string, string>>(Object.fromEntries(fields.map((f) => [f, ''])))
  const saving = ref(false)

  watch(visible, (open) => {
    if (!open) return
    clearErrors(errors)
    formRef.value?.clearValidate()
    void onOpen?.()
  })

  // A server message stays on its field only until that field is edited (<el-form :model>).
  clearErrorsOnEdit(() => (formRef.value as unknown as { $props?: { model?: Record<string, unknown> } } | undefined)?.$props?.model, errors, fields)

  /** Runs the form's rules; false when one fails (the form shows why). */
  async function validate(): Promise<boolean> {
    return (await formRef.value?.validate().catch(() => false)) ?? false
  }

  /**
   * Saves through `call`. On success the dialog closes and `done` gets the result (to show the
   * message and tell the parent); `saving` lasts until `done` has finished. On failure the
   * server's message goes on the form item it names, or is shown, and the form keeps the input.
   */
  async function save<R>(call: () => Promise<R>, done?: (result: R) => unknown): Promise<void> {
    saving.value = true
    clearErrors(errors)
    try {
      const result = await call()
      visible.value = false
      await done?.(result)
    } catch (e) {
      applyServerError(e, errors, fields)
    } finally {
      saving.value = false
    }
  }

  return { errors, saving, validate, save }
}
