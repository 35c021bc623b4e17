// Journey: a school PC whose 360/QQ browser runs an old Chromium core (or IE in 兼容模式) gets a
// clear 浏览器版本过低 page instead of a blank one; a current core gets the console.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, screenshot, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function pageWith(userAgent) {
  const context = await browser.newContext({ locale: 'zh-CN', userAgent, viewport: { width: 1024, height: 700 } })
  return { context, page: await context.newPage() }
}

test('an old 360 browser core is told what to do', async () => {
  const { context, page } = await pageWith(
    'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/63.0.3239.132 Safari/537.36 QIHU 360SE',
  )
  await page.goto(url('/login'))
  const box = page.locator('[data-test="browser-too-old"]')
  await box.waitFor()
  const text = await box.innerText()
  assert.match(text, /浏览器版本过低/)
  assert.match(text, /Chromium 63/)
  assert.match(text, /极速模式/)
  await screenshot(page, 'browser-too-old')
  await context.close()
})

test('IE compatibility mode is told too', async () => {
  const { context, page } = await pageWith('Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko')
  await page.goto(url('/login'))
  assert.match(await page.locator('[data-test="browser-too-old"]').innerText(), /IE 内核/)
  await context.close()
})

test('a Chromium 69 core gets the sign-in form', async () => {
  const { context, page } = await pageWith(
    'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/69.0.3497.100 Safari/537.36 QQBrowser/10.4',
  )
  await page.goto(url('/login'))
  await page.locator('[data-test="login-username"]').waitFor()
  assert.equal(await page.locator('[data-test="browser-too-old"]').count(), 0)
  assert.ok(BASE_URL)
  await context.close()
})
