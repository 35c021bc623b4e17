// The public map page under Chromium's "Slow 3G" (DevTools preset: 2 s latency, about 50 KB/s
// each way), cache empty: seconds until the venue list shows (goal ≤ 5 s). Usage:
//   node server/bench/map_slow3g.mjs http://127.0.0.1:8080   (run from web/, for playwright-core)
import { createRequire } from 'node:module'
const require = createRequire(process.cwd() + '/package.json')
const { chromium } = require('playwright-core')
const base = process.argv[2] || 'http://127.0.0.1:8080'
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
let rc = 0
try {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: (500 * 1024) / 8 * 0.8, uploadThroughput: (500 * 1024) / 8 * 0.8 })
  const t0 = Date.now()
  if (process.env.TRACE) page.on('requestfinished', (r) => console.log(((Date.now() - t0) / 1000).toFixed(1), r.url().replace(base, '')))
  await page.goto(base + '/map', { timeout: 60000, waitUntil: 'commit' })
  // Usable: the first list painted (its first contentful paint, which waits for the stylesheets),
  // then the filters working once the scripts have arrived.
  await page.locator('[data-test="venue-list"] li').first().waitFor({ timeout: 60000 })
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60000 })
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime / 1000)
  await page.locator('[data-test="f-apply"]').waitFor({ timeout: 60000 })
  const full = (Date.now() - t0) / 1000
  console.log(`== map page under Slow 3G (2 s latency, 50 KB/s), empty cache: the first list painted after ${fcp.toFixed(1)} s (goal ≤ 5 s); ` +
    `filters working after ${full.toFixed(1)} s`)
  if (fcp > 5) rc = 1
} finally {
  await browser.close()
}
process.exit(rc)
