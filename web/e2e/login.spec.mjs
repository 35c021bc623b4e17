// Journey 1: signing in. A wrong password shows the server's message; admin sees the menu.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, launch, login, openPage, screenshot, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('a wrong password shows an error message and stays on the login page', async () => {
  const { context, page, problems } = await openPage(browser)
  await page.goto(url('/org/users'))
  // Not signed in: the guard sends us to /login and remembers where we wanted to go.
  await page.waitForURL((u) => u.pathname === '/login')
  assert.equal(new URL(page.url()).searchParams.get('redirect'), '/org/users')
  await page.locator('[data-test="login-username"]').fill('admin')
  await page.locator('[data-test="login-password"]').fill('Wrong#Password1')
  await page.locator('[data-test="login-submit"]').click()
  const error = page.locator('[data-test="login-error"]')
  await error.waitFor()
  const text = (await error.innerText()).trim()
  assert.ok(text.length > 0, 'the error message is shown')
  assert.match(text, /[\u4e00-\u9fff]/, `the message is in Chinese: ${text}`)
  assert.equal(new URL(page.url()).pathname, '/login')
  await screenshot(page, 'login-wrong-password')
  assert.deepEqual(problems, [])
  await context.close()
})

test('admin signs in, sees 单位管理 and 用户管理 in the menu, and opens them', async () => {
  const { context, page, problems } = await openPage(browser)
  await page.goto(url('/login?redirect=/org/units'))
  await page.locator('[data-test="login-username"]').fill('admin')
  await page.locator('[data-test="login-password"]').fill(DEMO_PASSWORD)
  await page.locator('[data-test="login-password"]').press('Enter')
  // The redirect query is honoured after login.
  await page.waitForURL((u) => u.pathname === '/org/units')
  const menu = page.locator('[data-test="side-menu"]')
  await menu.waitFor()
  const units = page.locator('[data-test="menu-org-units"]')
  const users = page.locator('[data-test="menu-org-users"]')
  await units.waitFor({ state: 'visible' })
  await users.waitFor({ state: 'visible' })
  assert.match(await units.innerText(), /单位管理/)
  assert.match(await users.innerText(), /用户管理/)
  assert.equal((await page.locator('[data-test="product-name"]').innerText()).trim(), '协同 · 家校社协同育人平台')

  // The unit tree shows the top units the admin may see.
  await page.locator('[data-test="page-units"]').waitFor()
  await page.locator('[data-test="unit-tree"] [data-test^="unit-row-"]').first().waitFor()
  await screenshot(page, 'units-tree')

  await users.click()
  await page.waitForURL((u) => u.pathname === '/org/users')
  await page.locator('[data-test="user-table"] [data-test^="user-row-"]').first().waitFor()
  const keyword = page.locator('[data-test="user-search-keyword"]')
  await keyword.fill('admin')
  await keyword.press('Enter')
  await page.locator('[data-test="user-table"] [data-test="user-row-admin"]').waitFor()
  await screenshot(page, 'users-list')
  assert.deepEqual(problems, [])
  await context.close()
})

test('the home page greets the signed-in user', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'admin')
  await page.goto(url('/index'))
  const card = page.locator('[data-test="welcome-card"]')
  await card.waitFor()
  assert.ok((await page.locator('[data-test="welcome-unit"]').innerText()).trim().length > 0)
  await screenshot(page, 'home')
  assert.deepEqual(problems, [])
  await context.close()
})
