import './polyfills'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
// Styles of the services called from code (components in templates bring their own).
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/index.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { installHttp } from './api/install'
import hasPermi from './directive/hasPermi'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
const router = createAppRouter(pinia)
installHttp(router, pinia, (message) => {
  ElMessage({ type: 'error', message, grouping: true, duration: 4000, showClose: true })
})
app.use(router)
app.directive('hasPermi', hasPermi)
app.mount('#app')
