// Journey 4: the audit administrator filters the audit log by user name.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, login, openPage, screenshot } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('auditor opens 审计日志, filters by a user and sees names, not ids', async () => {
  // Make sure the log holds at least one row by secadmin: a sign-in is audited.
  {
    const { context, page } = await openPage(browser)
    await login(page, 'secadmin')
    await context.close()
  }

  const { context, page, problems } = await openPage(browser)
  await login(page, 'auditor')
  await page.locator('[data-test="menu-sys-audit"]').click()
  await page.waitForURL((u) => u.pathname === '/system/audit')
  await page.locator('[data-test="page-audit"]').waitFor()

  const username = page.locator('[data-test="audit-search-username"]')
  await username.fill('secadmin')
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('user=secadmin'))
  await username.press('Enter')
  await answered
  const cells = page.locator('[data-test="audit-table"] [data-test="audit-row-username"]')
  await cells.first().waitFor()
  const names = await cells.allInnerTexts()
  assert.ok(names.length > 0, 'rows are shown')
  assert.ok(
    names.every((n) => n.includes('（secadmin）')),
    `every row is by secadmin, shown by name: ${names.join(', ')}`,
  )
  // The sign-in names its object (the user) instead of an id.
  const objects = await page.locator('[data-test="audit-table"] [data-test="audit-row-object"]').allInnerTexts()
  assert.ok(objects.some((o) => o.includes('（secadmin）')), `objects by name: ${objects.slice(0, 5).join(', ')}`)
  await screenshot(page, 'audit-filtered')

  // The integrity check answers with a message.
  await page.locator('[data-test="audit-verify"]').click()
  const msg = page.locator('.el-message').filter({ hasText: /审计日志完整|被篡改/ })
  await msg.first().waitFor()
  assert.deepEqual(problems, [])
  await context.close()
})
