// Journey: the city's call form forgives a slip. Typed text is not thrown away by 取消 without
// asking; 发布 with a missing field brings that field into view; a new writing section gets a
// key of its own, with column headers over the sections.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, login, openPage, screenshot, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('取消 asks before typed text is lost, and 发布 shows the first error', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'city')
  await page.goto(url('/cases/calls'))
  await page.locator('[data-test="call-add"]').click()
  const dialog = page.locator('[data-test="call-form-dialog"]')
  await dialog.locator('[data-test="call-title"]').fill('表单容错测试')
  await dialog.locator('[data-test="call-form-cancel"]').click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /还没有保存/)
  await box.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click()  // 继续填写
  await box.waitFor({ state: 'hidden' })
  assert.equal(await dialog.locator('[data-test="call-title"]').inputValue(), '表单容错测试', 'the typed title is still there')

  // The reference rules, then one more section: its key is generated and unique.
  await dialog.locator('[data-test="call-load-template"]').click()
  await dialog.locator('[data-test="rules-section-5"]').waitFor()
  await dialog.locator('[data-test="rules-section-add"]').click()
  assert.equal(await dialog.locator('[data-test="rules-section-6"]').getAttribute('data-key'), 'section7')
  assert.ok(await dialog.getByText('栏目标题', { exact: true }).first().isVisible(), 'the sections have column headers')

  // 发布 without a deadline: the deadline field is brought into view with its message.
  await dialog.locator('[data-test="rules-section-6"]').scrollIntoViewIfNeeded()
  await dialog.locator('[data-test="call-save"]').click()
  const err = dialog.locator('.is-error').first()
  await err.waitFor()
  await page.waitForTimeout(600)  // smooth scrolling
  assert.ok(await err.isVisible())
  const inView = await err.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.top >= 0 && r.bottom <= window.innerHeight
  })
  assert.ok(inView, 'the first error is scrolled into view')
  await screenshot(page, 'call-form-first-error')
  assert.deepEqual(problems, [])
  await context.close()
})
