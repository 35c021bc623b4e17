// Leaving the editor without losing typing: a route change waits for the save (or asks), closing
// the tab warns, a hidden page saves, and a closing page sends a last keepalive save.
import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'
import { ElMessageBox } from 'element-plus'
import type { useAutosave } from '@/composables/useAutosave'

export interface LeaveGuard {
  autosave: ReturnType<typeof useAutosave>
  loading: () => boolean
  readOnly: () => boolean
  loggedIn: () => boolean
  /** Sends the unsaved content with a keepalive request. */
  saveOnUnload: () => void
}

export function useLeaveGuard(g: LeaveGuard) {
  const { autosave } = g
  const state = autosave.state

  async function mayLeave(): Promise<boolean> {
    if (g.loading() || g.readOnly()) return true
    if (!autosave.dirty.value && state.value !== 'saving') return true
    if (await autosave.flush()) return true
    // Signed out (session expired): the typing is kept in this browser and offered back after signing in.
    if (!g.loggedIn()) return true
    try {
      await ElMessageBox.confirm(
        `内容未能保存到服务器（${autosave.error.value || '保存未完成'}）。本机已保留一份，下次打开本案例时可以恢复。仍要离开吗？`,
        '尚未保存',
        { type: 'warning', confirmButtonText: '离开', cancelButtonText: '留下' },
      )
      return true
    } catch {
      return false
    }
  }

  onBeforeRouteLeave(mayLeave)
  onBeforeRouteUpdate(mayLeave)

  function onBeforeUnload(e: BeforeUnloadEvent) {
    if (!g.readOnly() && (autosave.dirty.value || state.value === 'saving')) {
      e.preventDefault()
      e.returnValue = ''
    }
  }
  function onPageHide() {
    if (!g.readOnly() && autosave.dirty.value && state.value !== 'conflict') g.saveOnUnload()
  }
  function onVisibility() {
    if (document.visibilityState === 'hidden' && !g.readOnly() && autosave.dirty.value) void autosave.run()
  }

  onMounted(() => {
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('pagehide', onPageHide)
    document.addEventListener('visibilitychange', onVisibility)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload)
    window.removeEventListener('pagehide', onPageHide)
    document.removeEventListener('visibilitychange', onVisibility)
  })
}
