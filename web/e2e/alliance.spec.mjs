// Journey: the 教联体 work, entered once and counted everywhere. 历下区教育局 forms its
// district alliance with the district hospital; two of its schools form theirs by Excel import;
// the city museum records a 一校一馆一课 lesson with one of them and the school confirms it with
// one click; the district records a 会商 with two follow-up actions and closes the one it owns;
// the city's dashboard shows two more covered schools and one more measure-16 activity, with
// nobody re-entering anything. Then the dashboard and the activity list on a 390 px phone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, field, launch, login, makeXlsx, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function pickDirectoryUnit(page, testId, popperClass, text, unitId) {
  const input = await field(page, testId)
  await page.locator(`[data-test="${testId}"]`).first().click()
  await input.fill(text)
  const option = page.locator(`.${popperClass} [data-test="unit-option-${unitId}"]`)
  await option.waitFor()
  await option.click()
}

async function pickOption(page, testId, popperClass, text) {
  await page.locator(`[data-test="${testId}"]`).click()
  const item = page.locator(`.${popperClass} .el-select-dropdown__item`, { hasText: text }).first()
  await item.waitFor()
  await item.click()
}

async function fillDate(page, rowTestId, date) {
  const input = page.locator(`[data-test="${rowTestId}"] .el-date-editor input`).first()
  await input.click()
  await input.fill(date)
  await input.press('Enter')
}

const measure16 = (d) => d.measures.find((m) => m.code === 16).activities

test('a district, two schools by import, a museum lesson confirmed, a 会商 — and the city sees it all', async () => {
  const city = await openPage(browser)
  await login(city.page, 'city')
  const before = await apiGet(city.page, '/api/v1/alliance/dashboard')

  // 历下区教育局 forms its district alliance (the demo's own is dissolved first).
  const lx = await openPage(browser)
  await login(lx.page, 'lixia')
  const me = await apiGet(lx.page, '/api/v1/auth/me')
  const lixia = me.active_membership.unit_id
  for (const a of (await apiGet(lx.page, '/api/v1/alliances?level=district&page_size=50')).items)
    if (a.anchor_unit_id === lixia && a.status !== 'dissolved') await apiSend(lx.page, 'POST', `/api/v1/alliances/${a.id}/status`, { status: 'dissolved' })
  const hospital = (await apiGet(lx.page, `/api/v1/unit-directory?keyword=${encodeURIComponent('历下区人民医院')}`)).items[0]
  await lx.page.goto(url('/alliance/alliances'))
  await lx.page.locator('[data-test="alliance-add"]').click()
  await (await field(lx.page, 'alliance-name')).fill('历下区家校社协同育人教联体（测试）')
  await pickDirectoryUnit(lx.page, 'alliance-member-unit-0', 'ps-alliance-member-0', '历下区人民医院', hospital.id)
  await lx.page.locator('[data-test="alliance-save"]').click()
  await lx.page.locator('.el-message--success', { hasText: '教联体已登记' }).waitFor()
  const mine = (await apiGet(lx.page, '/api/v1/alliances?level=district&status=formed&page_size=50')).items.find((a) => a.anchor_unit_id === lixia)
  assert.ok(mine, 'the district alliance is formed')

  // Two schools by import.
  const free = (await apiGet(lx.page, '/api/v1/alliance/dashboard/schools?status=none&page_size=2')).items
  assert.equal(free.length, 2)
  const file = makeXlsx([
    ['学校*', '教联体名称', '状态*', '组建日期', '成员单位*', '角色', '联系人', '联系电话', '承担的工作'],
    [free[0].name, '', '已组建', shanghaiDate(0), '历下区人民医院', '成员', '李医生', '0531-86661234', '健康副校长'],
    [free[1].name, '', '已组建', shanghaiDate(0), '历下区人民医院', '', '', '', ''],
    [free[1].name, '', '', '', '济南市博物馆', '成员', '', '', '一校一馆一课'],
  ])
  await lx.page.locator('[data-test="alliance-import"]').click()
  await lx.page.locator('[data-test="import-file"]').setInputFiles({ name: '校级教联体.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await lx.page.locator('[data-test="import-summary"]', { hasText: '全部无误' }).waitFor()
  await lx.page.locator('[data-test="import-all"]').click()
  await lx.page.locator('.el-message--success', { hasText: '已导入 2 个教联体' }).waitFor()

  // The museum records a lesson with the first school.
  const museum = await openPage(browser)
  await login(museum.page, 'unit0001')
  await museum.page.goto(url('/alliance/activities'))
  await museum.page.locator('[data-test="activity-add"]').click()
  await pickOption(museum.page, 'activity-type', 'ps-activity-type', '馆所思政课/一校一馆一课')
  await (await field(museum.page, 'activity-title')).fill('一校一馆一课：泉城记忆（测试）')
  await pickDirectoryUnit(museum.page, 'activity-partners', 'ps-activity-partners', free[0].name, free[0].id)
  await (await field(museum.page, 'activity-students')).fill('45')
  await museum.page.locator('[data-test="activity-save"]').click()
  await museum.page.locator('.el-message--success', { hasText: '合作单位会看到并确认' }).waitFor()
  const lesson = (await apiGet(museum.page, `/api/v1/alliance/activities?keyword=${encodeURIComponent('泉城记忆（测试）')}`)).items[0]
  assert.ok(lesson)
  await screenshot(museum.page, 'alliance-activities')

  // The school confirms with one click.
  const admin = await openPage(browser)
  await login(admin.page, 'admin')
  const user = (await apiGet(admin.page, `/api/v1/users?unit_id=${free[0].id}&page_size=5`)).items[0]
  await admin.context.close()
  const school = await openPage(browser)
  await login(school.page, user.username)
  await school.page.goto(url('/alliance/activities?awaiting=1'))
  await school.page.locator(`[data-test="activity-confirm-${lesson.id}"]`).click()
  await school.page.locator('.el-message--success', { hasText: '计入本单位台账' }).waitFor()
  await school.page.goto(url('/alliance/school'))
  await school.page.locator('[data-test="school-status"]', { hasText: '已覆盖' }).waitFor()

  // A 会商 with two actions; the district closes the one it owns.
  await lx.page.goto(url('/alliance/alliances'))
  await lx.page.locator(`[data-test="alliance-open-${mine.id}"]`).click()
  await lx.page.locator('[data-test="meeting-add"]').click()
  await (await field(lx.page, 'meeting-topic')).fill('春季学期会商（测试）')
  await lx.page.locator('[data-test="meeting-action-add"]').click()
  await lx.page.locator('[data-test="meeting-action-add"]').click()
  await (await field(lx.page, 'meeting-action-title-0')).fill('完成全区小学视力检测')
  await pickOption(lx.page, 'meeting-action-owner-0', 'ps-meeting-owner-0', '历下区人民医院')
  await fillDate(lx.page, 'meeting-action-0', shanghaiDate(30))
  await (await field(lx.page, 'meeting-action-title-1')).fill('汇总各校开放日安排')
  await pickOption(lx.page, 'meeting-action-owner-1', 'ps-meeting-owner-1', '历下区教育局')
  await fillDate(lx.page, 'meeting-action-1', shanghaiDate(14))
  await lx.page.locator('[data-test="meeting-save"]').click()
  await lx.page.locator('.el-message--success', { hasText: '会商已记录' }).first().waitFor()
  const meeting = (await apiGet(lx.page, `/api/v1/alliances/${mine.id}/meetings`)).items[0]
  assert.equal(meeting.actions.length, 2)
  const own = meeting.actions.find((a) => a.owner_unit_id === lixia)
  await lx.page.goto(url('/alliance/actions'))
  await lx.page.locator(`[data-test="action-done-${own.id}"]`).click()
  await (await field(lx.page, 'action-note')).fill('已汇总')
  await lx.page.locator('[data-test="action-done-save"]').click()
  await lx.page.locator('.el-message--success', { hasText: '已办结' }).waitFor()
  const after = (await apiGet(lx.page, `/api/v1/alliance/meetings/${meeting.id}`)).actions
  assert.deepEqual(after.map((a) => a.status).sort(), ['done', 'open'])

  // The city's dashboard: two more covered schools, one more measure-16 activity.
  await city.page.goto(url('/alliance/dashboard'))
  await city.page.locator('[data-test="dashboard-scope"]').waitFor()
  const now = await apiGet(city.page, '/api/v1/alliance/dashboard')
  assert.equal(now.covered, before.covered + 2)
  assert.equal(measure16(now), measure16(before) + 1)
  await city.page.locator('[data-test="measures-as-table"]').click()
  const row = city.page.locator('[data-test="dashboard-measures"] tr.measure-16')
  await row.waitFor()
  assert.match(await row.innerText(), new RegExp(`\\b${measure16(now)}\\b`))
  await screenshot(city.page, 'alliance-dashboard')

  // On a phone.
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await login(phone.page, 'city')
  await phone.page.goto(url('/alliance/dashboard'))
  await phone.page.locator('[data-test="dashboard-scope"]').waitFor()
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`)
  await screenshot(phone.page, 'alliance-dashboard-phone')
  for (const p of [city, lx, museum, school, phone]) {
    assert.deepEqual(p.problems, [])
    await p.context.close()
  }
})
