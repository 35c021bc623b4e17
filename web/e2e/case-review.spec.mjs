// Journey 6: 区县初评. The city opens a call; a 历下区 school writes two cases, uploads two
// PDFs to one of them in the editor and submits them;
// lixia (历下区教育局) returns one with 修改意见, the school fixes and resubmits it; lixia
// recommends both, orders them (上移/下移 and drag), fills the summary table (附件3), uploads
// its stamped scan (公章) and sends the package; the city sees it arrive on 报送进度 and downloads
// the scan; the district and the city download the package ZIP (built in the background).
// The school and the city learn of both through the header's bell (站内通知). Then
// both pages on a 390 px phone.
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, goodContent, launch, login, makePdf, messages, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})


/** Saves a new version of the case with good content and submits it. */
async function saveAndSubmit(page, id, title) {
  const k = await apiGet(page, `/api/v1/cases/${id}`)
  await apiSend(page, 'PUT', `/api/v1/cases/${id}`, { version: k.version, title, content: goodContent() })
  await apiSend(page, 'POST', `/api/v1/cases/${id}/submit`)
}

/** The status of a same-origin GET from inside the page (the body is read and dropped). */
async function fetchStatus(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin' })
    await res.arrayBuffer()
    return res.status
  }, path)
}

/**
 * Opens the header's bell, finds the unread notice whose title matches `pattern` and clicks it;
 * returns the notice's id.
 */
async function openNotice(page, pattern) {
  const bell = page.locator('[data-test="notice-bell"]')
  await page.waitForFunction(() => Number(document.querySelector('[data-test="notice-bell"]')?.getAttribute('data-unread')) > 0)
  assert.ok(Number(await bell.getAttribute('data-unread')) > 0)
  await bell.click()
  const pop = page.locator('[data-test="notice-popover"]')
  await pop.waitFor()
  const item = pop.locator('[data-test^="notice-item-"][data-read="0"]', { hasText: pattern }).first()
  await item.waitFor()
  const id = Number((await item.getAttribute('data-test')).replace('notice-item-', ''))
  await item.click()
  return id
}

async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

/** Big-endian 32-bit length or value. */
function u32(n) {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b
}

/** A PNG chunk: length, type, data, CRC (the server checks the structure, not the CRC). */
function pngChunk(type, data) {
  return Buffer.concat([u32(data.length), Buffer.from(type, 'ascii'), data, u32(0)])
}

/** A small valid PNG (1×1 grey): signature, IHDR (13 bytes), IDAT, IEND. */
function tinyPng() {
  const ihdr = Buffer.concat([u32(1), u32(1), Buffer.from([8, 0, 0, 0, 0])]) // 8-bit greyscale, no interlace
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]) // zlib of [0, 0]
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))])
}

/**
 * 报送市教育局 from the 初评与推荐 page, confirmed: sending waits for the stamped scan of the
 * summary table, which is uploaded first.
 */
async function sendPackage(page) {
  const send = page.locator('[data-test="package-send"]')
  assert.equal(await send.isDisabled(), true, 'no sending without the stamped scan')
  assert.match(await page.locator('[data-test="package-send-problem"]').innerText(), /请先上传加盖公章的汇总表扫描件/)
  await page.locator('[data-test="package-stamp-input"]').setInputFiles({ name: '汇总表（盖章）.png', mimeType: 'image/png', buffer: tinyPng() })
  await page.locator('[data-test="package-stamp"][data-uploaded="1"]').waitFor()
  assert.equal((await page.locator('[data-test="package-stamp-name"]').innerText()).trim(), '汇总表（盖章）.png')
  assert.match(await page.locator('[data-test="package-stamp-meta"]').innerText(), /上传于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
  const href = await page.locator('[data-test="package-stamp-download"]').getAttribute('href')
  assert.equal(await fetchStatus(page, href), 200)
  await page.locator('[data-test="package-send-problem"]').waitFor({ state: 'detached' })
  await screenshot(page, 'case-review-stamp')
  await send.click()
  await confirmBox(page)
  await page.locator('[data-test="package-sent"]').waitFor()
}

const stamp = Date.now().toString(36)
const CALL_TITLE = `E2E 初评与推荐 ${stamp}`
const A = `“家长课堂进社区” ${stamp}`
const B = `红领巾小小讲解员 ${stamp}`
let callId = 0
let school = ''
let caseA = 0
let caseB = 0
let lixiaUnit = 0

test('the city opens a call and a 历下区 school submits two cases', async () => {
  const { context, page } = await openPage(browser)
  await login(page, 'city')
  callId = (await apiSend(page, 'POST', '/api/v1/case-calls', { title: CALL_TITLE, deadline_date: shanghaiDate(30) })).id
  await context.close()

  // A school of 历下区 (code 370102) with a demo login.
  const admin = await openPage(browser)
  await login(admin.page, 'admin')
  const units = await apiGet(admin.page, '/api/v1/units?keyword=370102&page_size=200')
  lixiaUnit = units.items.find((u) => u.code === '370102').id
  const users = await apiGet(admin.page, `/api/v1/users?keyword=sch&unit_id=${lixiaUnit}&page_size=1`)
  school = users.items[0].username
  await admin.context.close()

  const s = await openPage(browser)
  await login(s.page, school)
  caseA = (await apiSend(s.page, 'POST', '/api/v1/cases', { call_id: callId, title: A })).id
  caseB = (await apiSend(s.page, 'POST', '/api/v1/cases', { call_id: callId, title: B })).id
  // Case A: the text is saved, then two PDFs go up through the editor's evidence panel and
  // the case is submitted with the 报送 button.
  const a = await apiGet(s.page, `/api/v1/cases/${caseA}`)
  await apiSend(s.page, 'PUT', `/api/v1/cases/${caseA}`, { version: a.version, title: A, content: goodContent() })
  await s.page.goto(url(`/cases/${caseA}/edit`))
  await s.page.locator('[data-test="evidence-panel"]').waitFor()
  for (const [i, name] of [['1', '共建协议.pdf'], ['2', '活动照片.pdf']]) {
    await s.page.locator('[data-test="evidence-file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: makePdf([`Evidence ${i}`]) })
    await s.page.locator('[data-test="evidence-form"]').waitFor({ state: 'visible' })
    await s.page.locator('[data-test="evidence-save"]').click()
    await s.page.locator('[data-test="evidence-count"]').filter({ hasText: `已上传 ${i} / 10 份` }).waitFor()
  }
  await s.page.locator('[data-test="case-submit"]').click()
  const box = s.page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await s.page.locator('[data-test="case-status"]').filter({ hasText: '已报送' }).waitFor()
  await saveAndSubmit(s.page, caseB, B)
  assert.equal((await apiGet(s.page, `/api/v1/cases/${caseA}`)).status, 'submitted')
  await s.context.close()
})

test('lixia returns a case with 修改意见; the school sees it, fixes it and resubmits', async () => {
  assert.ok(caseA && caseB, 'the cases of the first test exist')
  const { context, page, problems } = await openPage(browser)
  await login(page, 'lixia')
  await page.locator('[data-test="menu-cases-review"]').click()
  await page.waitForURL((u) => u.pathname === '/cases/review')
  await page.goto(url(`/cases/review?call=${callId}`))
  await page.locator('[data-test="page-case-review"]').waitFor()
  await page.locator(`[data-test="review-row-${caseA}"]`).waitFor()
  assert.equal((await page.locator(`[data-test="review-status-${caseA}"]`).innerText()).trim(), '待初评')
  assert.match(await page.locator('[data-test="package-quota"]').innerText(), /已推荐 0 \/ 限额 10，剩余 10/)
  await page.locator('[data-test="package-empty"]').waitFor()

  // The case opens read-only in a drawer.
  await page.locator(`[data-test="review-row-${caseA}"]`).click()
  const drawer = page.locator('[data-test="review-drawer"]')
  await drawer.locator('[data-test="review-drawer-writeup"]').waitFor()
  assert.ok((await drawer.innerText()).includes('泉城路社区居民委员会'))
  const evidence = await drawer.locator('[data-test="review-drawer-evidence"]').innerText()
  assert.ok(evidence.includes('共建协议') && evidence.includes('活动照片'), evidence)
  await screenshot(page, 'case-review-drawer')

  // 退回 from the drawer needs 修改意见.
  await drawer.locator('[data-test="review-drawer-return"]').click()
  const dialog = page.locator('[data-test="review-note-dialog"]')
  await dialog.waitFor()
  assert.equal(await dialog.getAttribute('data-mode'), 'return')
  await page.locator('[data-test="review-note-save"]').click()
  await dialog.locator('.el-form-item__error').waitFor()
  assert.match(await dialog.locator('.el-form-item__error').innerText(), /请填写修改意见/)
  await dialog.locator('[data-test="review-note"]').fill('请补充实践成效的数据，并写明参与家庭的数量。')
  await page.locator('[data-test="review-note-save"]').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction((id) => document.querySelector(`[data-test="review-status-${id}"]`)?.textContent?.trim() === '已退回', caseA)
  await drawer.locator('[data-test="review-drawer-return"]').waitFor({ state: 'detached' })
  await page.keyboard.press('Escape')
  assert.deepEqual(problems, [])
  await context.close()

  // The school learns of it from the bell; the notice opens the case.
  const s = await openPage(browser)
  await login(s.page, school)
  const unreadBefore = (await apiGet(s.page, '/api/v1/notices/unread-count')).unread
  const noticeId = await openNotice(s.page, /被退回修改/)
  await s.page.waitForURL((u) => u.pathname === `/cases/${caseA}/edit`)
  const mine = await apiGet(s.page, '/api/v1/notices?page_size=50')
  assert.equal(mine.items.find((n) => n.id === noticeId)?.read, true, 'clicking the notice marks it read')
  assert.equal(mine.unread, unreadBefore - 1)
  await s.page.waitForFunction((n) => Number(document.querySelector('[data-test="notice-bell"]')?.getAttribute('data-unread')) === n, unreadBefore - 1)
  const note = s.page.locator('[data-test="case-review-comment"]')
  await note.waitFor()
  assert.match(await note.innerText(), /请补充实践成效的数据/)
  await saveAndSubmit(s.page, caseA, `${A}（修改稿）`)
  await s.context.close()
})

test('lixia recommends both, orders them, fills 附件3 and sends the package', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'lixia')
  await page.goto(url(`/cases/review?call=${callId}`))
  await page.locator(`[data-test="review-recommend-${caseA}"]`).waitFor()
  assert.equal((await page.locator(`[data-test="review-status-${caseA}"]`).innerText()).trim(), '待初评')

  for (const id of [caseA, caseB]) {
    await page.locator(`[data-test="review-recommend-${id}"]`).click()
    await confirmBox(page)
    await page.locator(`[data-test="recommend-item-${id}"]`).waitFor()
  }
  assert.match(await page.locator('[data-test="package-quota"]').innerText(), /已推荐 2 \/ 限额 10，剩余 8/)
  assert.equal((await page.locator(`[data-test="review-status-${caseB}"]`).innerText()).trim(), '已推荐')
  const order = async () => (await apiGet(page, `/api/v1/case-calls/${callId}/package`)).rows.map((r) => r.case_id)
  assert.deepEqual(await order(), [caseA, caseB])

  // 下移 (keyboard-friendly), then drag back.
  await page.locator(`[data-test="recommend-down-${caseA}"]`).click()
  await page.waitForFunction((id) => document.querySelector(`[data-test="recommend-item-${id}"]`)?.getAttribute('data-rank') === '1', caseB)
  assert.deepEqual(await order(), [caseB, caseA])
  await page.locator(`[data-test="recommend-item-${caseA}"]`).dragTo(page.locator(`[data-test="recommend-item-${caseB}"]`))
  await page.waitForFunction((id) => document.querySelector(`[data-test="recommend-item-${id}"]`)?.getAttribute('data-rank') === '1', caseA)
  assert.deepEqual(await order(), [caseA, caseB])

  // Sending needs the contact first.
  assert.equal(await page.locator('[data-test="package-send"]').isDisabled(), true)
  await page.locator('[data-test="package-contact-name"]').fill('张科长')
  await page.locator('[data-test="package-contact-phone"]').fill('0531-86000001')
  await page.locator(`[data-test="package-remark-${caseA}"]`).fill('区级优秀案例')
  await page.locator('[data-test="package-save"]').click()
  await page.locator('[data-test="package-dirty"]').waitFor({ state: 'detached' })
  assert.ok((await messages(page)).some((m) => m.includes('汇总表已保存')))
  const pkg = await apiGet(page, `/api/v1/case-calls/${callId}/package`)
  assert.equal(pkg.contact_name, '张科长')
  assert.equal(pkg.rows[0].remark, '区级优秀案例')
  await screenshot(page, 'case-review-package')

  await sendPackage(page)
  assert.match(await page.locator('[data-test="package-sent"]').innerText(), /已报送 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
  assert.equal(await page.locator('[data-test="package-panel"]').getAttribute('data-sent'), '1')
  assert.equal(await page.locator(`[data-test="recommend-up-${caseB}"]`).count(), 0, 'the order is read-only once sent')
  assert.equal(await page.locator(`[data-test="package-contact-name"]`).isDisabled(), true)
  await page.waitForFunction((id) => document.querySelector(`[data-test="review-status-${id}"]`)?.textContent?.trim() === '已报送市局', caseA)
  assert.equal(await page.locator(`[data-test="review-return-${caseA}"]`).count(), 0)
  await screenshot(page, 'case-review-sent')

  // The package ZIP: built in the background (progress shown), then downloaded.
  const zipDownload = page.waitForEvent('download', { timeout: 60_000 })
  await page.locator('[data-test="package-zip"]').click()
  const zip = await zipDownload
  assert.equal(zip.suggestedFilename(), '历下区教育局_典型案例推荐材料.zip')
  const bytes = readFileSync(await zip.path())
  assert.equal(bytes.subarray(0, 2).toString(), 'PK')
  for (const part of ['.docx', '.pdf', '附件3_历下区教育局_汇总表.xlsx', '附件3_历下区教育局_汇总表.docx']) {
    assert.ok(bytes.includes(Buffer.from(part)), `the ZIP holds ${part}`)
  }
  await page.waitForFunction(() => /已生成于/.test(document.querySelector('[data-test="package-build-state"]')?.textContent ?? ''))
  assert.match(await page.locator('[data-test="package-zip"]').innerText(), /^下载推荐材料包/)
  await screenshot(page, 'case-review-package-built')
  assert.deepEqual(problems, [])
  await context.close()
})

test('the city is told by a notice and sees the package arrive on 报送进度', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'city')
  await page.locator('[data-test="menu-cases-board"]').click()
  await page.waitForURL((u) => u.pathname === '/cases/board')
  // The bell has a notice of the package; it opens the board on this call.
  await page.locator('[data-test="notice-bell"]').click()
  await page.locator('[data-test="notice-popover"]').waitFor()
  await page.locator('[data-test^="notice-item-"]', { hasText: '已报送推荐材料' }).first().waitFor()
  await screenshot(page, 'notice-popover-city')
  await page.keyboard.press('Escape')
  await page.locator('[data-test="notice-popover"]').waitFor({ state: 'hidden' })
  const notices = await apiGet(page, '/api/v1/notices?unread=1&page_size=100')
  const sentNotice = notices.items.find((n) => n.kind === 'cases.package_sent' && n.link === `/cases/board?call=${callId}`)
  assert.ok(sentNotice, 'the city has an unread notice of the package')
  assert.match(sentNotice.title, /历下区教育局已报送推荐材料/)
  await page.locator('[data-test="notice-bell"]').click()
  await page.locator(`[data-test="notice-item-${sentNotice.id}"]`).click()
  await page.waitForURL((u) => u.pathname === '/cases/board' && u.searchParams.get('call') === String(callId))
  const cell = page.locator(`[data-test="board-package-${lixiaUnit}"]`)
  await cell.waitFor()
  assert.equal(await cell.getAttribute('data-arrived'), '1')
  assert.match(await cell.innerText(), /已报送/)
  const row = page.locator('[data-test="board-table"] .el-table__body tr', { has: cell })
  const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim())
  assert.equal(cells[0], '历下区教育局')
  assert.equal(cells[6], '2', 'two cases sent to the city')
  assert.match(await page.locator('[data-test="board-updated"]').innerText(), /^更新于 \d{2}:\d{2}:\d{2}$/)
  assert.match(await page.locator('[data-test="board-table"] .el-table__footer').innerText(), /合计（\d+个单位）/)
  await page.locator('[data-test="board-refresh"]').click()
  // The stamped scan of the summary table downloads.
  const stampHref = await page.locator(`[data-test="board-stamp-${lixiaUnit}"]`).getAttribute('href')
  assert.equal(stampHref, `/api/v1/case-calls/${callId}/package/stamp?unit_id=${lixiaUnit}`)
  assert.equal(await fetchStatus(page, stampHref), 200)
  const download = page.waitForEvent('download')
  await page.locator(`[data-test="board-stamp-${lixiaUnit}"]`).click()
  assert.equal((await download).suggestedFilename(), '汇总表（盖章）.png')
  // The district's package ZIP was built already: the city gets the same file.
  const zipDownload = page.waitForEvent('download', { timeout: 60_000 })
  await page.locator(`[data-test="board-zip-${lixiaUnit}"]`).click()
  assert.equal((await zipDownload).suggestedFilename(), '历下区教育局_典型案例推荐材料.zip')
  await screenshot(page, 'case-board')
  assert.deepEqual(problems, [])
  await context.close()
})

test('on a 390 px phone both pages fit the screen', async () => {
  for (const [who, path, name] of [
    ['lixia', `/cases/review?call=${callId}`, 'case-review-phone'],
    ['city', `/cases/board?call=${callId}`, 'case-board-phone'],
  ]) {
    const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
    await login(page, who)
    await page.goto(url(path))
    await page.locator(name.includes('review') ? '[data-test="package-sent"]' : `[data-test="board-package-${lixiaUnit}"]`).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`)
    await screenshot(page, name)
    assert.deepEqual(problems, [])
    await context.close()
  }
})
