// Journey: the 工作台. A 历下区 school's case is returned by lixia; the school's home page shows
// the returned case with its 修改意见, and its number opens 本单位案例 filtered to 被退回; lixia's
// home shows 待初评 and the city's the call's progress; a department is told honestly that
// nothing waits for it. Then the school's home on a 390 px phone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, goodContent, launch, login, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})


let callId, school, caseId

test('the school sees its returned case on the 工作台 and its number opens the list', async () => {
  const city = await openPage(browser)
  await login(city.page, 'city')
  callId = (await apiSend(city.page, 'POST', '/api/v1/case-calls', { title: '工作台旅程征集', deadline_date: shanghaiDate(20) })).id
  await city.context.close()

  const admin = await openPage(browser)
  await login(admin.page, 'admin')
  const units = await apiGet(admin.page, '/api/v1/units?keyword=370102&page_size=200')
  const lixia = units.items.find((u) => u.code === '370102').id
  const users = await apiGet(admin.page, `/api/v1/users?keyword=sch&unit_id=${lixia}&page_size=1`)
  school = users.items[0].username
  await admin.context.close()

  const s = await openPage(browser)
  await login(s.page, school)
  caseId = (await apiSend(s.page, 'POST', '/api/v1/cases', { call_id: callId, title: '家长夜校' })).id
  const k = await apiGet(s.page, `/api/v1/cases/${caseId}`)
  await apiSend(s.page, 'PUT', `/api/v1/cases/${caseId}`, { version: k.version, title: '家长夜校', content: goodContent() })
  await apiSend(s.page, 'POST', `/api/v1/cases/${caseId}/submit`)

  const lx = await openPage(browser)
  await login(lx.page, 'lixia')
  await lx.page.goto(url('/index'))
  const pending = lx.page.locator(`[data-test="workbench-figure-cases-review-${callId}-待初评"]`)
  await pending.waitFor()
  assert.equal((await pending.locator('.value').innerText()).trim(), '1')
  await screenshot(lx.page, 'workbench-district')
  await apiSend(lx.page, 'POST', `/api/v1/cases/${caseId}/return`, { comment: '请补充家长参与的人数' })
  await lx.context.close()

  await s.page.goto(url('/index'))
  const card = s.page.locator(`[data-test="workbench-card-cases-mine-${callId}"]`)
  await card.waitFor()
  assert.match(await card.locator('[data-test="workbench-note"]').first().innerText(), /请补充家长参与的人数/)
  const returned = s.page.locator(`[data-test="workbench-figure-cases-mine-${callId}-被退回待修改"]`)
  assert.equal((await returned.locator('.value').innerText()).trim(), '1')
  await screenshot(s.page, 'workbench-school')
  await returned.click()
  await s.page.waitForURL((u) => u.pathname === '/cases/mine' && u.searchParams.get('status') === 'returned')
  await s.page.locator(`[data-test="case-status-${caseId}"]`).first().waitFor()
  assert.deepEqual(s.problems, [])
  await s.context.close()
})

test('the city sees the call’s progress and a department sees no invented work', async () => {
  const c = await openPage(browser)
  await login(c.page, 'city')
  await c.page.goto(url('/index'))
  const board = c.page.locator(`[data-test="workbench-card-cases-board-${callId}"]`)
  await board.waitFor()
  await c.page.locator(`[data-test="workbench-figure-cases-board-${callId}-撰写中"]`).click()
  await c.page.waitForURL((u) => u.pathname === '/cases/board' && u.searchParams.get('call') === String(callId))
  await c.context.close()

  const d = await openPage(browser)
  await login(d.page, 'dept09')
  await d.page.goto(url('/index'))
  // Its work is the 教联体's (activities to confirm, 会商 actions it owns), never the case call's.
  await d.page.locator('[data-test="workbench-card-alliance"], [data-test="workbench-empty"]').first().waitFor()
  const keys = await d.page.locator('[data-test^="workbench-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))
  assert.ok(keys.every((k) => !k.startsWith('workbench-card-cases-')), keys.join(','))
  if (!keys.includes('workbench-card-alliance')) assert.match(await d.page.locator('[data-test="workbench-empty"]').innerText(), /会商事项/)
  await screenshot(d.page, 'workbench-department')
  await d.context.close()
})

test('the 工作台 fits a 390 px phone', async () => {
  const s = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await login(s.page, school)
  await s.page.goto(url('/index'))
  await s.page.locator(`[data-test="workbench-card-cases-mine-${callId}"]`).waitFor()
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow} px)`)
  await screenshot(s.page, 'workbench-phone')
  await s.context.close()
})
