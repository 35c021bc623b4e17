import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unreadCount } from '@/api/notices'

/** The unread count shown on the header's bell; the bell and the 通知 page both update it. */
export const useNoticeStore = defineStore('notice', () => {
  const unread = ref(0)
  /** When the count was last read from the server (ms). */
  const checkedAt = ref(0)
  let pending: Promise<void> | null = null

  /** Asks the server for the count (one request at a time); failures keep the last count. */
  function refresh(): Promise<void> {
    if (pending) return pending
    pending = unreadCount()
      .then((r) => {
        set(r.unread)
      })
      .catch(() => {
        /* polled in the background: the next tick tries again */
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  function set(n: number) {
    unread.value = Math.max(0, Number(n) || 0)
    checkedAt.value = Date.now()
  }

  function reset() {
    unread.value = 0
    checkedAt.value = 0
  }

  return { unread, checkedAt, refresh, set, reset }
})
