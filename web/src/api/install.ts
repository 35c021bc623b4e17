import type { Pinia } from 'pinia'
import type { Router } from 'vue-router'
import { configureHttp } from './http'
import { useUserStore } from '@/stores/user'
import { useDictStore } from '@/stores/dict'

/**
 * Wires the http wrapper to the app: the CSRF token from the user store; on 401 the store is
 * cleared and the user goes to /login?redirect=<where they were>.
 */
export function installHttp(router: Router, pinia: Pinia, notify: (message: string) => void) {
  let redirecting = false
  configureHttp({
    csrfToken: () => useUserStore(pinia).csrfToken,
    notify,
    onUnauthorized: (error) => {
      const store = useUserStore(pinia)
      const wasSignedIn = store.loggedIn
      store.clear()
      useDictStore(pinia).reset()
      const current = router.currentRoute.value
      if (current.meta.public || redirecting) return
      if (wasSignedIn) notify(error.message || '登录已过期，请重新登录')
      redirecting = true
      const redirect = current.fullPath && current.fullPath !== '/' ? current.fullPath : undefined
      void router.replace({ path: '/login', query: redirect ? { redirect } : {} }).finally(() => {
        redirecting = false
      })
    },
  })
}
