import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { Pinia } from 'pinia'
import { useUserStore } from '@/stores/user'

const Layout = () => import('@/layout/Layout.vue')

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { title: '登录', public: true } },
  { path: '/password', name: 'password', component: () => import('@/views/password/index.vue'), meta: { title: '修改密码' } },
  {
    path: '/',
    component: Layout,
    redirect: '/index',
    children: [
      { path: 'index', name: 'index', component: () => import('@/views/index/index.vue'), meta: { title: '首页' } },
      {
        path: 'org/units',
        name: 'org-units',
        component: () => import('@/views/org/units/index.vue'),
        meta: { title: '单位管理', perm: 'org:unit:list' },
      },
      {
        path: 'org/users',
        name: 'org-users',
        component: () => import('@/views/org/users/index.vue'),
        meta: { title: '用户管理', perm: 'org:user:list' },
      },
      {
        path: 'org/roles',
        name: 'org-roles',
        component: () => import('@/views/org/roles/index.vue'),
        meta: { title: '角色管理', perm: 'org:role:list' },
      },
      { path: 'system/dicts', name: 'sys-dicts', component: () => import('@/views/system/dicts/index.vue'), meta: { title: '字典管理' } },
      {
        path: 'system/audit',
        name: 'sys-audit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { title: '审计日志', perm: 'sys:audit:list' },
      },
      {
        path: 'cases/calls',
        name: 'cases-calls',
        component: () => import('@/views/cases/calls/index.vue'),
        meta: { title: '征集活动', perm: 'cases:case:list' },
      },
      {
        path: 'cases/mine',
        name: 'cases-mine',
        component: () => import('@/views/cases/mine/index.vue'),
        meta: { title: '本单位案例', perm: 'cases:case:create' },
      },
      {
        path: 'cases/review',
        name: 'cases-review',
        component: () => import('@/views/cases/review/index.vue'),
        meta: { title: '初评与推荐', perm: 'cases:case:review' },
      },
      {
        path: 'cases/board',
        name: 'cases-board',
        component: () => import('@/views/cases/board/index.vue'),
        meta: { title: '报送进度', perm: 'cases:call:update' },
      },
      {
        path: 'cases/:id(\\d+)/edit',
        name: 'case-edit',
        component: () => import('@/views/cases/edit/index.vue'),
        meta: { title: '撰写案例', perm: 'cases:case:list' },
      },
      {
        path: 'cases/:id(\\d+)',
        name: 'case-view',
        component: () => import('@/views/cases/edit/index.vue'),
        meta: { title: '查看案例', perm: 'cases:case:list' },
      },
      { path: 'notices', name: 'notices', component: () => import('@/views/notices/index.vue'), meta: { title: '我的通知' } },
      { path: '403', name: 'forbidden', component: () => import('@/views/error/403.vue'), meta: { title: '无权访问' } },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/404.vue'),
    meta: { title: '页面不存在', public: true },
  },
]

/** Only same-site paths are followed after login (no "//evil.example" or "https://…"). */
export function safeRedirect(raw: unknown): string {
  const s = Array.isArray(raw) ? raw[0] : raw
  if (typeof s !== 'string' || !s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\')) return '/index'
  if (s.startsWith('/login') || s.startsWith('/password')) return '/index'
  return s
}

export function installGuard(router: Router, pinia: Pinia) {
  router.beforeEach(async (to) => {
    const store = useUserStore(pinia)
    if (to.meta.public) return true
    if (!store.checked) {
      try {
        await store.loadMe()
      } catch {
        /* server unreachable: treat as signed out; the login page says why */
      }
    }
    if (!store.loggedIn) {
      return { path: '/login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    }
    if (store.mustChangePassword && to.name !== 'password') return { name: 'password' }
    if (to.meta.perm && !store.hasPermi(to.meta.perm)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  })
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - 协同` : '协同 · 家校社协同育人平台'
  })
}

export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  installGuard(router, pinia)
  return router
}
