// Journey 2: an administrator creates a user with one membership (a school, a role) and
// finds the new user by keyword in the list.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, launch, login, openPage, pickUnit, screenshot, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('create a user in a school with a role, then find it by keyword', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'admin')
  await page.locator('[data-test="menu-org-users"]').click()
  await page.waitForURL((u) => u.pathname === '/org/users')
  await page.locator('[data-test="page-users"]').waitFor()

  // A school the admin may see, and a business role the admin may grant.
  const schools = await apiGet(page, '/api/v1/units?type=school&page_size=1&sort=code&order=asc')
  assert.ok(schools.items.length > 0, 'the demo city has a school')
  const school = schools.items[0]
  const roles = (await apiGet(page, '/api/v1/roles/assignable')).items
  const role = roles.find((r) => r.category === 'business') ?? roles[0]
  assert.ok(role, 'the admin may grant at least one role')

  const username = `e2e_${Date.now().toString(36)}`
  await page.locator('[data-test="user-add"]').click()
  const dialog = page.locator('[data-test="user-create-dialog"]')
  await dialog.locator('[data-test="user-username"]').waitFor({ state: 'visible' })
  await dialog.locator('[data-test="user-username"]').fill(username)
  await dialog.locator('[data-test="user-display-name"]').fill('浏览器测试用户')
  await dialog.locator('[data-test="user-phone"]').fill('13900001234')
  await dialog.locator('[data-test="user-password"]').fill('Init#2026ab')

  await pickUnit(page, 'membership-unit-0', 'up-membership-0', school.id)
  await dialog.locator('[data-test="membership-post-0"]').fill('班主任')
  await dialog.locator('[data-test="membership-roles-0"]').click()
  await page.locator(`.ps-membership-roles-0 [data-test="role-option-${role.key}"]`).click()
  // Close the role list by clicking elsewhere in the dialog.
  await dialog.locator('[data-test="membership-post-0"]').click()
  await screenshot(page, 'user-create-dialog')

  // A taken username: the server's message sits under the field until the field is edited.
  await dialog.locator('[data-test="user-username"]').fill('admin')
  await dialog.locator('[data-test="user-save"]').click()
  const taken = dialog.locator('.el-form-item.is-error', { has: page.locator('[data-test="user-username"]') })
  await taken.waitFor()
  await dialog.locator('[data-test="user-username"]').fill(username)
  await taken.waitFor({ state: 'detached' })

  await dialog.locator('[data-test="user-save"]').click()
  await dialog.waitFor({ state: 'hidden' })

  // Search for the new user by keyword.
  await page.locator('[data-test="user-search-reset"]').click()
  const keyword = page.locator('[data-test="user-search-keyword"]')
  await keyword.fill(username)
  await keyword.press('Enter')
  const row = page.locator(`[data-test="user-table"] [data-test="user-row-${username}"]`)
  await row.waitFor()
  // The new user may already show on the unfiltered first page: wait for the search to land.
  await page.waitForFunction(() => document.querySelectorAll('[data-test="user-table"] [data-test^="user-row-"]').length === 1)
  const tr = page.locator('[data-test="user-table"] .el-table__body tr', { has: page.locator(`[data-test="user-row-${username}"]`) })
  const text = await tr.innerText()
  assert.match(text, /浏览器测试用户/)
  assert.ok(text.includes(school.name), `the row names the school ${school.name}: ${text}`)
  assert.ok(text.includes(role.name), `the row names the role ${role.name}`)
  assert.match(text, /139\*{4}1234/, 'the phone number is masked')
  assert.equal(await page.locator('[data-test="user-table"] [data-test^="user-row-"]').count(), 1)
  await screenshot(page, 'user-created')
  assert.deepEqual(problems, [])
  await context.close()
})

test('the user and role dialogs fit a 390 px phone with 保存 in view', async () => {
  const cases = [
    ['admin', '/org/users', 'user-add', 'user-create-dialog', 'user-save'],
    ['secadmin', '/org/roles', 'role-add', 'role-dialog', 'role-save'],
  ]
  for (const [who, path, add, dialogTest, saveTest] of cases) {
    const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
    await login(page, who)
    await page.goto(url(path))
    await page.locator(`[data-test="${add}"]`).click()
    const dialog = page.locator(`[data-test="${dialogTest}"]`)
    await dialog.waitFor({ state: 'visible' })
    await page.waitForTimeout(500)  // the dialog's opening animation
    const box = await dialog.boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 + 1, `${dialogTest} fits the width: ${JSON.stringify(box)}`)
    const save = page.locator(`[data-test="${saveTest}"]`)
    const sb = await save.boundingBox()
    assert.ok(sb && sb.x >= 0 && sb.x + sb.width <= 390 + 1 && sb.y + sb.height <= 844 + 1, `保存 is in view: ${JSON.stringify(sb)}`)
    await screenshot(page, `${dialogTest}-phone`)
    assert.deepEqual(problems, [])
    await context.close()
  }
})
