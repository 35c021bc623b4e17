// The map's pages: the map with its list and the walk (filters in the query), and a venue.
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import MapHome from './views/MapHome.vue'
import VenuePage from './views/VenuePage.vue'

export const MAP_TITLE = '学生运动地图'

export const routes: RouteRecordRaw[] = [
  { path: '/map', name: 'map', component: MapHome, meta: { title: MAP_TITLE } },
  { path: '/map/venues/:id', name: 'map-venue', component: VenuePage, meta: { title: `场馆 · ${MAP_TITLE}` } },
  { path: '/:rest(.*)*', redirect: '/map' },
]

export function createMapRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes, scrollBehavior: (_to, _from, saved) => saved || { top: 0 } })
  router.afterEach((to) => {
    if (to.meta.title) document.title = to.meta.title as string
  })
  return router
}
