// Journey 5: the city publishes a typical-case call with the Qingdao 2024 template; a school
// writes a case (every field), goes over the 500-字 summary limit and sees the counter and the
// 报送前检查 panel say so, fixes it, lets autosave finish and submits (已报送). Then the same
// pages on a 390 px phone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, launch, login, messages, openPage, screenshot, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** YYYY-MM-DD in Asia/Shanghai, `days` from today, shifted by `months` calendar months. */
function shanghaiDate(days, months = 0) {
  const now = new Date(Date.now() + 8 * 3600 * 1000)
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, now.getUTCDate() + days))
  return d.toISOString().slice(0, 10)
}

/** `n` 字 of plausible text without white space (so 字数 = length). */
function text(n, seed) {
  const base = `${seed}学校联合社区、家长和场馆开展协同育人活动，形成了共建共享的长效机制，学生参与率和家长满意度逐年提高。`
  let s = ''
  while (s.length < n) s += base
  return s.slice(0, n)
}

const stamp = Date.now().toString(36)
const CALL_TITLE = `E2E 校家社协同育人典型案例征集 ${stamp}`
const CASE_TITLE = `“社区+学校”共筑护苗网 ${stamp}`
const DEADLINE = shanghaiDate(30)
let callId = 0
let caseId = 0

async function chooseDate(page, testId, date) {
  const input = page.locator(`[data-test="${testId}"] input`)
  await input.click()
  await input.fill(date)
  await input.press('Enter')
}

async function waitSaved(page, minVersion) {
  await page.waitForFunction(
    (v) => {
      const el = document.querySelector('[data-test="case-save-state"]')
      if (!el || el.getAttribute('data-state') !== 'saved') return false
      const m = /已保存 · 第(\d+)版/.exec(el.textContent || '')
      return !!m && Number(m[1]) >= v
    },
    minVersion,
    { timeout: 20_000 },
  )
}

test('city publishes a call with the Qingdao template', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'city')
  await page.locator('[data-test="menu-cases-calls"]').click()
  await page.waitForURL((u) => u.pathname === '/cases/calls')
  await page.locator('[data-test="page-case-calls"]').waitFor()

  await page.locator('[data-test="call-add"]').click()
  const dialog = page.locator('[data-test="call-form-dialog"]')
  await dialog.locator('[data-test="call-title"]').waitFor({ state: 'visible' })
  await dialog.locator('[data-test="call-title"]').fill(CALL_TITLE)
  await dialog.locator('[data-test="call-notice"]').fill('为深入落实《关于健全学校家庭社会协同育人机制的意见》，现组织开展校家社协同育人典型案例征集。')
  await chooseDate(page, 'call-deadline', DEADLINE)
  await dialog.locator('[data-test="call-grace"] input').fill('30')

  // Saving without rules is refused in the form: there is no section yet.
  await dialog.locator('[data-test="call-load-template"]').click()
  await dialog.locator('[data-test="rules-section-5"]').waitFor()
  assert.equal(await dialog.locator('[data-test^="rules-section-heading-"]').count(), 6, 'the template has six sections')
  assert.equal(await dialog.locator('[data-test="rules-section-0"]').getAttribute('data-key'), 'overview')
  assert.equal(await dialog.locator('[data-test="rules-section-group-1"]').inputValue(), '二、案例介绍')
  assert.equal(await dialog.locator('[data-test="rules-forms-chip"]').count(), 5)
  await screenshot(page, 'case-call-form')
  await dialog.locator('[data-test="call-save"]').click()
  await dialog.waitFor({ state: 'hidden' })

  const calls = (await apiGet(page, '/api/v1/case-calls')).items
  const call = calls.find((c) => c.title === CALL_TITLE)
  assert.ok(call, 'the call was created')
  callId = call.id
  assert.equal(call.deadline_date, DEADLINE)
  assert.equal(call.grace_minutes, 30)
  assert.equal(call.status, 'open')
  assert.equal(call.rules.sections[0].max, 500)
  assert.equal(call.rules.max_total, 3000)

  const row = page.locator('[data-test="call-table"] .el-table__body tr', { has: page.locator(`[data-test="call-row-${callId}"]`) })
  await row.waitFor()
  const rowText = await row.innerText()
  assert.ok(rowText.includes(`${DEADLINE} 23:59:59（宽限30分钟）`), rowText)
  assert.ok(rowText.includes('局属学校≤2 · 区县≤10 · 评选≤30'), rowText)
  assert.ok(rowText.includes('征集中'), rowText)
  await screenshot(page, 'case-calls-city')
  assert.deepEqual(problems, [])
  await context.close()
})

test('a school writes a case, goes over the summary limit, fixes it and submits', async () => {
  assert.ok(callId, 'the call of the first test exists')
  const { context, page, problems } = await openPage(browser)
  await login(page, 'sch0001')
  const me = await apiGet(page, '/api/v1/auth/me')
  await page.locator('[data-test="menu-cases-calls"]').click()
  await page.waitForURL((u) => u.pathname === '/cases/calls')

  // 撰写案例 asks the name, creates the draft and opens the editor.
  await page.locator(`[data-test="call-write-${callId}"]`).click()
  const dialog = page.locator('[data-test="case-new-dialog"]')
  await dialog.locator('[data-test="case-new-title"]').waitFor({ state: 'visible' })
  await dialog.locator('[data-test="case-new-title"]').fill(CASE_TITLE)
  await dialog.locator('[data-test="case-new-save"]').click()
  await page.waitForURL((u) => /^\/cases\/\d+\/edit$/.test(u.pathname))
  caseId = Number(new URL(page.url()).pathname.split('/')[2])
  await page.locator('[data-test="page-case-edit"][data-mode="edit"]').waitFor()
  assert.equal((await page.locator('[data-test="case-owner"]').innerText()).trim(), me.active_membership.unit_name)
  assert.equal(await page.locator('[data-test="case-title"]').inputValue(), CASE_TITLE)

  // The level-1 headings of 附件1, with the five level-2 ones under 二、案例介绍.
  const writeup = await page.locator('[data-test="case-writeup"]').innerText()
  for (const h of ['一、成果概述', '二、案例介绍', '（一）实施背景', '（二）主体内容', '（三）特色做法', '（四）实践成效', '（五）实践反思']) {
    assert.ok(writeup.includes(h), `the editor shows ${h}`)
  }
  assert.ok(writeup.indexOf('一、成果概述') < writeup.indexOf('二、案例介绍'))
  assert.ok(writeup.indexOf('二、案例介绍') < writeup.indexOf('（一）实施背景'))

  // Facts of the case.
  await page.locator('[data-test="case-partner-name-0"]').fill('市南区八大湖街道金门路社区')
  await page.locator('[data-test="case-partner-name-0"]').press('Tab')
  await page.locator('[data-test="case-partner-add"]').click()
  await page.locator('[data-test="case-partner-name-1"]').fill('青岛市博物馆')
  await page.locator('[data-test="case-partner-name-1"]').press('Tab')
  await page.locator('[data-test="case-form-0"]').click()
  await page.locator('[data-test="case-topic-1"]').click()
  await page.locator('[data-test="case-topic-5"]').click()

  // A start 6 months before the deadline is too short: the warning says so at once.
  await chooseDate(page, 'case-practice-start', shanghaiDate(30, -6))
  const warning = page.locator('[data-test="case-practice-warning"]')
  await warning.waitFor()
  assert.match(await warning.innerText(), /不足12个月/)
  await chooseDate(page, 'case-practice-start', shanghaiDate(0, -20))
  await warning.waitFor({ state: 'detached' })
  await page.locator('[data-test="case-still-running"]').click()
  await page.locator('[data-test="case-contact-name"]').fill('王老师')
  await page.locator('[data-test="case-contact-phone"]').fill('0532-85912956')

  // The write-up: a 501-字 summary is over its limit.
  await page.locator('[data-test="case-text-overview"]').fill(text(501, '概述'))
  const counter = page.locator('[data-test="case-count-overview"]')
  assert.equal(await counter.getAttribute('data-state'), 'over')
  assert.match(await counter.innerText(), /已写 501 字 \/ 限 500 字/)
  const color = await counter.evaluate((el) => getComputedStyle(el).color)
  assert.match(color, /rgb\(245, 108, 108\)/, `the counter is red: ${color}`)
  for (const [key, n] of [
    ['background', 300],
    ['content', 600],
    ['practice', 500],
    ['results', 400],
    ['reflection', 200],
  ]) {
    await page.locator(`[data-test="case-text-${key}"]`).fill(text(n, key))
  }
  assert.match(await page.locator('[data-test="case-total"]').innerText(), /全文 2501 \/ 3000 字/)
  assert.match(await page.locator('[data-test="case-zishu-rule"]').innerText(), /不计空格/)

  // Autosave, then the check panel names the rule that is broken.
  await waitSaved(page, 2)
  const tooLong = page.locator('[data-test="case-check-problem"][data-code="cases.section_too_long"]')
  await tooLong.waitFor()
  assert.match(await tooLong.innerText(), /一、成果概述不超过500字（当前501字）/)
  assert.equal(await page.locator('[data-test="case-check-problem"]').count(), 1, 'nothing else is missing')
  await screenshot(page, 'case-edit-over-limit')

  // The problem leads to its field.
  await tooLong.locator('a').click()
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'case-text-overview')

  // Fix it: 500 字.
  const before = Number(/第(\d+)版/.exec(await page.locator('[data-test="case-save-state"]').innerText())[1])
  await page.locator('[data-test="case-text-overview"]').fill(text(500, '概述'))
  assert.equal(await counter.getAttribute('data-state'), 'ok')
  await waitSaved(page, before + 1)
  await page.locator('[data-test="case-check-ok"]').waitFor()
  assert.match(await page.locator('[data-test="case-save-state"]').innerText(), /^已保存 · 第\d+版 · \d{2}:\d{2}:\d{2}$/)
  await screenshot(page, 'case-edit-ready')

  // The server has every field.
  const saved = await apiGet(page, `/api/v1/cases/${caseId}`)
  assert.deepEqual(
    saved.content.partners.map((p) => p.name),
    ['市南区八大湖街道金门路社区', '青岛市博物馆'],
  )
  assert.equal(saved.content.form, '社区+学校')
  assert.deepEqual(saved.content.topics, ['法治教育', '防霸凌'])
  assert.equal(saved.content.practice_start, shanghaiDate(0, -20))
  assert.equal(saved.content.still_running, true)
  assert.equal(saved.content.contact_phone, '0532-85912956')
  assert.equal(saved.counts.sections.overview, 500)
  assert.equal(saved.counts.total, 2500)

  // 版本记录 lists the saves.
  await page.locator('[data-test="case-versions-open"]').click()
  await page.locator('[data-test="case-versions"] [data-test="case-version-1"]').waitFor()
  assert.ok((await page.locator('[data-test="case-versions"] [data-test^="case-version-restore-"]').count()) >= 1)
  await page.keyboard.press('Escape')
  await page.locator('[data-test="case-versions"]').waitFor({ state: 'hidden' })

  // 报送: confirm, then the case is 已报送 and read-only.
  await page.locator('[data-test="case-submit"]').click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  assert.match(await box.innerText(), /报送后在截止前可撤回/)
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForURL((u) => u.pathname === `/cases/${caseId}`)
  await page.locator('[data-test="page-case-edit"][data-mode="view"]').waitFor()
  await page.locator('[data-test="case-status"]').filter({ hasText: '已报送' }).waitFor()
  assert.ok((await messages(page)).some((m) => m.includes('案例已报送')))
  assert.equal((await apiGet(page, `/api/v1/cases/${caseId}`)).status, 'submitted')
  await page.locator('[data-test="case-withdraw"]').waitFor()
  await screenshot(page, 'case-view-submitted')

  // 本单位案例 lists it as 已报送 with 撤回 offered and no 修改.
  await page.locator('[data-test="menu-cases-mine"]').click()
  await page.waitForURL((u) => u.pathname === '/cases/mine')
  await page.locator(`[data-test="case-status-${caseId}"]`).filter({ hasText: '已报送' }).waitFor()
  assert.equal(await page.locator(`[data-test="case-withdraw-${caseId}"]`).count(), 1)
  assert.equal(await page.locator(`[data-test="case-edit-${caseId}"]`).count(), 0)
  await screenshot(page, 'case-mine')
  assert.deepEqual(problems, [])
  await context.close()
})

test('the case pages on a 390 px phone', async () => {
  assert.ok(callId && caseId, 'the earlier tests ran')
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await login(page, 'sch0001')

  await page.goto(url('/cases/calls'))
  await page.locator(`[data-test="call-write-${callId}"]`).waitFor()
  await screenshot(page, 'phone-case-calls')

  // A second draft, written on the phone: the fields stack and the counters work.
  await page.locator(`[data-test="call-write-${callId}"]`).click()
  const dialog = page.locator('[data-test="case-new-dialog"]')
  await dialog.locator('[data-test="case-new-title"]').waitFor({ state: 'visible' })
  await dialog.locator('[data-test="case-new-title"]').fill(`手机撰写的案例 ${stamp}`)
  await dialog.locator('[data-test="case-new-save"]').click()
  await page.waitForURL((u) => /^\/cases\/\d+\/edit$/.test(u.pathname))
  await page.locator('[data-test="page-case-edit"][data-mode="edit"]').waitFor()
  await page.locator('[data-test="case-text-overview"]').fill(text(120, '手机'))
  assert.match(await page.locator('[data-test="case-count-overview"]').innerText(), /已写 120 字 \/ 限 500 字/)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`)
  await waitSaved(page, 2)
  await screenshot(page, 'phone-case-edit')

  await page.goto(url(`/cases/${caseId}`))
  await page.locator('[data-test="page-case-edit"][data-mode="view"]').waitFor()
  await screenshot(page, 'phone-case-view')

  await page.goto(url('/cases/mine'))
  await page.locator(`[data-test="case-status-${caseId}"]`).waitFor()
  await screenshot(page, 'phone-case-mine')
  assert.deepEqual(problems, [])
  await context.close()
})

test('nothing typed is lost: a save conflict, a restored version, leaving early; then 撤回', async () => {
  assert.ok(callId && caseId, 'the earlier tests ran')
  const a = await openPage(browser)
  const b = await openPage(browser)
  await login(a.page, 'sch0001')
  await login(b.page, 'sch0001')

  // A starts a draft and writes the summary.
  await a.page.goto(url('/cases/calls'))
  await a.page.locator(`[data-test="call-write-${callId}"]`).click()
  await a.page.locator('[data-test="case-new-title"]').fill(`冲突测试 ${stamp}`)
  await a.page.locator('[data-test="case-new-save"]').click()
  await a.page.waitForURL((u) => /^\/cases\/\d+\/edit$/.test(u.pathname))
  const id = Number(new URL(a.page.url()).pathname.split('/')[2])
  await a.page.locator('[data-test="case-text-overview"]').fill('甲写的概述。')
  await waitSaved(a.page, 2)

  // B opens the same draft in another session and saves a section.
  await b.page.goto(url(`/cases/${id}/edit`))
  await b.page.locator('[data-test="case-text-background"]').fill('乙写的背景。')
  await waitSaved(b.page, 3)

  // A goes on typing on version 2: the save is refused, A is told, the text stays.
  await a.page.locator('[data-test="case-text-overview"]').fill('甲写的概述，又补充了一句。')
  const conflict = a.page.locator('[data-test="case-conflict"]')
  await conflict.waitFor({ timeout: 20_000 })
  assert.match(await conflict.innerText(), /已在别处保存过/)
  assert.equal(await a.page.locator('[data-test="case-text-overview"]').inputValue(), '甲写的概述，又补充了一句。')
  assert.equal(await a.page.locator('[data-test="case-save-state"]').getAttribute('data-state'), 'conflict')
  await screenshot(a.page, 'case-edit-conflict')

  // 载入最新内容 shows B's version and offers A's typing back from this browser.
  await a.page.locator('[data-test="case-conflict-reload"]').click()
  await a.page.locator('[data-test="case-local-copy"]').waitFor()
  assert.equal(await a.page.locator('[data-test="case-text-background"]').inputValue(), '乙写的背景。')
  await a.page.locator('[data-test="case-local-restore"]').click()
  assert.equal(await a.page.locator('[data-test="case-text-overview"]').inputValue(), '甲写的概述，又补充了一句。')
  await waitSaved(a.page, 4)
  let server = await apiGet(a.page, `/api/v1/cases/${id}`)
  assert.equal(server.version, 4)
  assert.equal(server.content.sections.overview, '甲写的概述，又补充了一句。')

  // 版本记录: restore version 3 (B's save).
  await a.page.locator('[data-test="case-versions-open"]').click()
  await a.page.locator('[data-test="case-version-restore-3"]').click()
  await a.page.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
  await a.page.locator('[data-test="case-versions"] [data-test="case-version-5"]').waitFor()
  await a.page.keyboard.press('Escape')
  assert.equal(await a.page.locator('[data-test="case-text-overview"]').inputValue(), '甲写的概述。')
  server = await apiGet(a.page, `/api/v1/cases/${id}`)
  assert.equal(server.version, 5)
  assert.equal(server.content.sections.background, '乙写的背景。')

  // Leaving right after typing (before the 3 s pause) saves first.
  await a.page.locator('[data-test="case-text-results"]').fill('离开前写下的成效。')
  await a.page.locator('[data-test="menu-cases-mine"]').click()
  await a.page.waitForURL((u) => u.pathname === '/cases/mine')
  server = await apiGet(a.page, `/api/v1/cases/${id}`)
  assert.equal(server.content.sections.results, '离开前写下的成效。')
  assert.equal(server.version, 6)

  // 撤回 the case submitted earlier: back to 草稿 and 修改 is offered again.
  await a.page.locator(`[data-test="case-withdraw-${caseId}"]`).click()
  await a.page.locator('.el-message-box .el-message-box__btns .el-button--primary').click()
  await a.page.locator(`[data-test="case-status-${caseId}"]`).filter({ hasText: '草稿' }).waitFor()
  await a.page.locator(`[data-test="case-edit-${caseId}"]`).waitFor()
  assert.equal((await apiGet(a.page, `/api/v1/cases/${caseId}`)).status, 'draft')

  assert.deepEqual(a.problems, [])
  assert.deepEqual(b.problems, [])
  await a.context.close()
  await b.context.close()
})
