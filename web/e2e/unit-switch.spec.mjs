// Journey 3: a user with two memberships switches the active unit from the header.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, launch, login, openPage, screenshot } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('multi switches to the other unit and the header shows it', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'multi')
  const me = await apiGet(page, '/api/v1/auth/me')
  assert.ok(me.memberships.length >= 2, 'multi has two memberships')
  const other = me.memberships.find((m) => m.id !== me.active_membership.id)

  const active = page.locator('[data-test="active-unit"]')
  assert.ok((await active.innerText()).includes(me.active_membership.unit_name))

  await page.locator('[data-test="unit-switcher"]').click()
  const option = page.locator(`[data-test="unit-option-${other.id}"]`)
  await option.waitFor({ state: 'visible' })
  await screenshot(page, 'unit-switcher-open')
  await option.click()

  await page.waitForFunction(
    (name) => document.querySelector('[data-test="active-unit"]')?.textContent?.includes(name),
    other.unit_name,
  )
  await page.waitForURL((u) => u.pathname === '/index')
  await page.locator('[data-test="welcome-unit"]').filter({ hasText: other.unit_name }).waitFor()
  const after = await apiGet(page, '/api/v1/auth/me')
  assert.equal(after.active_membership.id, other.id, 'the server agrees on the new unit')
  await screenshot(page, 'unit-switched')
  assert.deepEqual(problems, [])
  await context.close()
})
