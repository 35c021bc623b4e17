// The students' sports map (运动地图): a separate, small public entry (map.html) with Leaflet
// and without the console's Element Plus, Pinia or ECharts, for parents and pupils on phones.
import '../polyfills'
import { createApp } from 'vue'
import '../library/library.css'
import './map.css'
import App from './App.vue'
import { createMapRouter } from './router'

const app = createApp(App)
app.use(createMapRouter())
app.mount('#app')
