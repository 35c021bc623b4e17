// 报送, 撤回 and 恢复版本 of the editor: each waits for the autosave and asks before acting.
import { quoted } from '@/utils/confirm'
import { ref, type Ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { restoreVersion, submitCase, withdrawCase } from '@/api/cases'
import type { CaseDetail, CaseProblem } from '@/api/cases-types'
import { useUserStore } from '@/stores/user'
import type { useAutosave } from '@/composables/useAutosave'
import { gotoAnchor as goto } from './check'

export interface CaseActionsContext {
  caseId: Ref<number>
  autosave: ReturnType<typeof useAutosave>
  problems: Ref<CaseProblem[] | null>
  runCheck: () => Promise<void>
  /** The title the case is saved under. */
  title: () => string
  /** The call's deadline in words. */
  deadline: () => string
  /** Drops the copy of unsaved typing kept in this browser. */
  forget: () => void
  /** Shows a case the server answered with. */
  apply: (k: CaseDetail) => void
  reload: () => Promise<void>
}

export function useCaseActions(c: CaseActionsContext) {
  const router = useRouter()
  const me = useUserStore()
  const { autosave, caseId, problems, runCheck } = c
  const submitting = ref(false)

  async function submit() {
    if (submitting.value) return
    submitting.value = true
    try {
      if (!(await autosave.flush())) {
        await ElMessageBox.alert(`内容还没有保存到服务器（${autosave.error.value || '保存未完成'}），请保存成功后再报送。`, '暂不能报送', { type: 'warning' }).catch(() => {})
        return
      }
      await runCheck()
      if (problems.value?.length) {
        await ElMessageBox.alert(`还有 ${problems.value.length} 项不符合报送要求，请按“报送前检查”逐项修改。`, '暂不能报送', { type: 'warning', confirmButtonText: '去修改' }).catch(() => {})
        goto('case-check-card')
        return
      }
      try {
        await ElMessageBox.confirm(`确定报送${quoted(c.title())}吗？报送后在截止前可撤回（截止时间 ${c.deadline()}）。`, '报送案例', {
          type: 'info',
          confirmButtonText: '报送',
          cancelButtonText: '取消',
        })
      } catch {
        return
      }
      try {
        await submitCase(caseId.value)
        c.forget()
        ElMessage.success('案例已报送')
        await router.replace(`/cases/${caseId.value}`)
      } catch (e) {
        await ElMessageBox.alert(e instanceof Error ? e.message : '报送失败', '未能报送', { type: 'error' }).catch(() => {})
        void runCheck()
      }
    } finally {
      submitting.value = false
    }
  }

  async function withdraw() {
    try {
      await ElMessageBox.confirm('撤回后案例回到草稿，可以继续修改，截止前需要重新报送。确定撤回吗？', '撤回案例', {
        type: 'warning',
        confirmButtonText: '撤回',
        cancelButtonText: '取消',
      })
    } catch {
      return
    }
    try {
      await withdrawCase(caseId.value)
      ElMessage.success('已撤回，案例回到草稿')
      if (me.hasPermi('cases:case:update')) await router.replace(`/cases/${caseId.value}/edit`)
      else await c.reload()
    } catch {
      /* message already shown */
    }
  }

  async function restore(v: number) {
    try {
      await ElMessageBox.confirm(`把第${v}版的内容恢复为最新版本吗？现在的内容仍保留在版本记录中。`, '恢复版本', {
        type: 'warning',
        confirmButtonText: '恢复',
        cancelButtonText: '取消',
      })
    } catch {
      return
    }
    if (!(await autosave.flush())) {
      ElMessage.error(`现在的内容还没有保存（${autosave.error.value || '保存未完成'}），请保存成功后再恢复`)
      return
    }
    try {
      const k = await restoreVersion(caseId.value, v)
      c.apply(k)
      c.forget()
      ElMessage.success(`已恢复第${v}版的内容（现为第${k.version}版）`)
      void runCheck()
    } catch (e) {
      ElMessage.error(e instanceof Error ? e.message : '恢复失败')
    }
  }

  return { submitting, submit, withdraw, restore }
}
