import type { Directive, DirectiveBinding } from 'vue'
import { hasAnyPermission, useUserStore } from '@/stores/user'

/**
 * v-hasPermi="['org:user:create']": removes the element when the user holds none of the
 * codes (RuoYi's directive). The server checks every request anyway; this only hides.
 */
export function checkPermi(granted: ReadonlySet<string>, value: unknown): boolean {
  if (typeof value === 'string') return hasAnyPermission(granted, value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return hasAnyPermission(granted, value as string[])
  throw new Error('v-hasPermi 需要权限标识数组，例如 v-hasPermi="[\'org:user:create\']"')
}

function apply(el: HTMLElement, binding: DirectiveBinding<string | string[]>) {
  const store = useUserStore()
  if (!checkPermi(store.permissions, binding.value)) el.parentNode?.removeChild(el)
}

export const hasPermi: Directive<HTMLElement, string | string[]> = {
  mounted: apply,
}

export default hasPermi
