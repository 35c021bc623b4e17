// 报送前检查 state of the editor: the problems of the saved version (GET /cases/{id}/check),
// fetched again after each save; an older answer never overwrites a newer one.
import { ref, type Ref } from 'vue'
import { checkCase } from '@/api/cases'
import type { CaseProblem } from '@/api/cases-types'

export function useCaseCheck(caseId: Ref<number>) {
  const problems = ref<CaseProblem[] | null>(null)
  const checking = ref(false)
  const checkedAt = ref<number | null>(null)
  const error = ref('')
  let seq = 0

  async function run() {
    const mine = ++seq
    checking.value = true
    try {
      const r = await checkCase(caseId.value)
      if (mine !== seq) return
      problems.value = r.problems
      checkedAt.value = Date.now()
      error.value = ''
    } catch (e) {
      if (mine === seq) error.value = e instanceof Error ? e.message : '检查失败'
    } finally {
      if (mine === seq) checking.value = false
    }
  }

  return { problems, checking, checkedAt, error, run }
}

/** Scrolls to an editor element, flashes it and focuses its first text field. */
export function gotoAnchor(anchor: string) {
  const el = document.getElementById(anchor)
  if (!el) return
  el.scrollIntoView({ behavior: 'smooth', block: 'center' })
  el.classList.remove('flash')
  void el.offsetWidth
  el.classList.add('flash')
  window.setTimeout(() => el.classList.remove('flash'), 1600)
  const input = el.querySelector<HTMLElement>('textarea, input:not([type="radio"]):not([type="checkbox"])')
  input?.focus({ preventScroll: true })
}
