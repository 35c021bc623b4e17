// The public case library (典型案例库): a separate, small entry (library.html) without the
// console's Element Plus, Pinia or ECharts, for parents, teachers and bureau staff on phones.
import '../polyfills'
import { createApp } from 'vue'
import './library.css'
import App from './App.vue'
import { createLibraryRouter } from './router'

const app = createApp(App)
app.use(createLibraryRouter())
app.mount('#app')
