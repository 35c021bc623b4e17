/// <reference types="vite/client" />

import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title shown in the breadcrumb and the browser tab. */
    title?: string
    /** Permission code the user needs to open the page. */
    perm?: string
    /** Reachable without signing in. */
    public?: boolean
  }
}
