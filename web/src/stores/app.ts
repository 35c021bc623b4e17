import { defineStore } from 'pinia'
import { ref } from 'vue'

const MOBILE_WIDTH = 768

/** Layout state: collapsed side menu, phone layout (menu in a drawer). */
export const useAppStore = defineStore('app', () => {
  const collapsed = ref(localStorage.getItem('xt.sidebar.collapsed') === '1')
  const mobile = ref(typeof window !== 'undefined' && window.innerWidth < MOBILE_WIDTH)
  const drawerOpen = ref(false)

  function toggleMenu() {
    if (mobile.value) {
      drawerOpen.value = !drawerOpen.value
    } else {
      collapsed.value = !collapsed.value
      localStorage.setItem('xt.sidebar.collapsed', collapsed.value ? '1' : '0')
    }
  }

  function onResize() {
    mobile.value = window.innerWidth < MOBILE_WIDTH
    if (!mobile.value) drawerOpen.value = false
  }

  return { collapsed, mobile, drawerOpen, toggleMenu, onResize }
})
