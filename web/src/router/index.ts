import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { Pinia } from 'pinia'
import { useUserStore } from '@/stores/user'

const Layout = () => import('@/layout/Layout.vue')

/**
 * Who may open a page is declared once, on the server: a page names the menu entry (or entries)
 * it belongs to in `meta.menu`, and the guard lets it open when the signed-in user's menu from
 * /auth/me holds one of them (the server decides by permission and by kind of unit). A case
 * opens from any of the case call's pages.
 */
const CASE_MENUS = ['/cases/calls', '/cases/mine', '/cases/review', '/cases/board']

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
        meta: { title: '单位管理', menu: '/org/units' },
      },
      {
        path: 'org/users',
        name: 'org-users',
        component: () => import('@/views/org/users/index.vue'),
        meta: { title: '用户管理', menu: '/org/users' },
      },
      {
        path: 'org/roles',
        name: 'org-roles',
        component: () => import('@/views/org/roles/index.vue'),
        meta: { title: '角色管理', menu: '/org/roles' },
      },
      {
        path: 'system/dicts',
        name: 'sys-dicts',
        component: () => import('@/views/system/dicts/index.vue'),
        meta: { title: '字典管理', menu: '/system/dicts' },
      },
      {
        path: 'system/audit',
        name: 'sys-audit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { title: '审计日志', menu: '/system/audit' },
      },
      {
        path: 'cases/calls',
        name: 'cases-calls',
        component: () => import('@/views/cases/calls/index.vue'),
        meta: { title: '征集活动', menu: '/cases/calls' },
      },
      {
        path: 'cases/mine',
        name: 'cases-mine',
        component: () => import('@/views/cases/mine/index.vue'),
        meta: { title: '本单位案例', menu: '/cases/mine' },
      },
      {
        path: 'cases/review',
        name: 'cases-review',
        component: () => import('@/views/cases/review/index.vue'),
        meta: { title: '初评与推荐', menu: '/cases/review' },
      },
      {
        path: 'venues/list',
        name: 'venues-list',
        component: () => import('@/views/venues/index.vue'),
        meta: { title: '场馆管理', menu: '/venues/list' },
      },
      {
        path: 'venues/coverage',
        name: 'venues-coverage',
        component: () => import('@/views/venues/coverage.vue'),
        meta: { title: '15分钟覆盖', menu: '/venues/coverage' },
      },
      {
        path: 'venues/schools',
        name: 'venues-schools',
        component: () => import('@/views/venues/schools.vue'),
        meta: { title: '学校位置', menu: '/venues/schools' },
      },
      {
        path: 'venues/calendar',
        name: 'venues-calendar',
        component: () => import('@/views/venues/calendar.vue'),
        meta: { title: '节假日与学校假期', menu: '/venues/calendar' },
      },
      {
        path: 'review/reviews',
        name: 'review-reviews',
        component: () => import('@/views/review/reviews/index.vue'),
        meta: { title: '市级评审', menu: '/review/reviews' },
      },
      {
        path: 'review/mine',
        name: 'review-mine',
        component: () => import('@/views/review/mine/index.vue'),
        meta: { title: '我的评审', menu: '/review/mine' },
      },
      {
        path: 'review/assignments/:id(\\d+)',
        name: 'review-score',
        component: () => import('@/views/review/score/index.vue'),
        meta: { title: '评审评分', menu: '/review/mine' },
      },
      {
        path: 'cases/board',
        name: 'cases-board',
        component: () => import('@/views/cases/board/index.vue'),
        meta: { title: '报送进度', menu: '/cases/board' },
      },
      {
        path: 'cases/:id(\\d+)/edit',
        name: 'case-edit',
        component: () => import('@/views/cases/edit/index.vue'),
        meta: { title: '撰写案例', menu: CASE_MENUS },
      },
      {
        path: 'cases/:id(\\d+)',
        name: 'case-view',
        component: () => import('@/views/cases/edit/index.vue'),
        meta: { title: '查看案例', menu: CASE_MENUS },
      },
      {
        path: 'alliance/dashboard',
        name: 'alliance-dashboard',
        component: () => import('@/views/alliance/dashboard/index.vue'),
        meta: { title: '教联体工作看板', menu: '/alliance/dashboard' },
      },
      {
        path: 'alliance/school',
        name: 'alliance-school',
        component: () => import('@/views/alliance/school/index.vue'),
        meta: { title: '本校教联体', menu: '/alliance/school' },
      },
      {
        path: 'alliance/schools/:id(\\d+)',
        name: 'alliance-school-view',
        component: () => import('@/views/alliance/school/index.vue'),
        meta: { title: '学校教联体情况', menu: ['/alliance/dashboard', '/alliance/school'] },
      },
      {
        path: 'alliance/alliances',
        name: 'alliance-list',
        component: () => import('@/views/alliance/alliances/index.vue'),
        meta: { title: '教联体', menu: '/alliance/alliances' },
      },
      {
        path: 'alliance/activities',
        name: 'alliance-activities',
        component: () => import('@/views/alliance/activities/index.vue'),
        meta: { title: '活动记录', menu: '/alliance/activities' },
      },
      {
        path: 'alliance/actions',
        name: 'alliance-actions',
        component: () => import('@/views/alliance/actions/index.vue'),
        meta: { title: '会商事项', menu: '/alliance/actions' },
      },
      {
        path: 'alliance/measures',
        name: 'alliance-measures',
        component: () => import('@/views/alliance/measures/index.vue'),
        meta: { title: '工作举措', menu: '/alliance/measures' },
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
    if (to.meta.menu && !store.menuHas(to.meta.menu as string | string[])) {
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
