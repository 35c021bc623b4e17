// The public library's pages: the list (filters and page in the query), a case, and the
// certificate check (the QR code on a certificate points to /library/verify/<证书编号>).
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import LibraryList from './views/LibraryList.vue'
import LibraryCase from './views/LibraryCase.vue'
import CertificateVerify from './views/CertificateVerify.vue'
import { SITE_TITLE } from './text'


export const routes: RouteRecordRaw[] = [
  { path: '/library', name: 'library', component: LibraryList, meta: { title: SITE_TITLE } },
  { path: '/library/cases/:id', name: 'library-case', component: LibraryCase, meta: { title: `案例 · ${SITE_TITLE}` } },
  {
    path: '/library/verify/:serial?',
    name: 'library-verify',
    component: CertificateVerify,
    meta: { title: `荣誉证书核验 · ${SITE_TITLE}` },
  },
  { path: '/:rest(.*)*', redirect: '/library' },
]

export function createLibraryRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior(to, from, saved) {
      if (saved) return saved
      // A filter changed on the list: stay where the form is; a new page of results or a new page: top.
      if (to.path === from.path && to.query.page === from.query.page && to.name === 'library') return false
      return { top: 0 }
    },
  })
  router.afterEach((to) => {
    if (to.meta.title) document.title = to.meta.title
  })
  return router
}
