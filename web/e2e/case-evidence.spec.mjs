// Journey: evidence PDFs of a case (佐证材料, 附件2). The city opens a call (through the API); a
// school writes a case, uploads two PDFs through the panel's file input, sees them in the
// catalog, reorders them, previews one (pdf.js draws the first pages on canvases within the
// CSP), tries an HTML page renamed .pdf and sees the server's Chinese refusal, and sees its
// quota next to 报送. Then the same editor on a 390 px phone.
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, launch, login, makePdf, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const stamp = Date.now().toString(36)
let callId = 0
let caseId = 0

test('the city opens a call and a school starts a case', async () => {
  const { context, page } = await openPage(browser)
  await login(page, 'city')
  const { rules } = await apiGet(page, '/api/v1/case-calls/template')
  const call = await apiSend(page, 'POST', '/api/v1/case-calls', {
    title: `E2E 佐证材料征集 ${stamp}`,
    notice: '佐证材料上传测试。',
    deadline_date: shanghaiDate(30),
    grace_minutes: 0,
    status: 'open',
    rules,
  })
  callId = call.id
  await context.close()

  const s = await openPage(browser)
  await login(s.page, 'sch0001')
  const k = await apiSend(s.page, 'POST', '/api/v1/cases', { call_id: callId, title: `佐证材料案例 ${stamp}` })
  caseId = k.id
  await s.context.close()
  assert.ok(callId > 0 && caseId > 0)
})

async function upload(page, name, buffer, date) {
  await page.locator('[data-test="evidence-file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer })
  const dialog = page.locator('[data-test="evidence-form"]')
  await dialog.waitFor({ state: 'visible' })
  if (date) await page.locator('[data-test="evidence-date"]').fill(date)
}

test('a school uploads, reorders and previews evidence PDFs', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'sch0001')
  await page.goto(url(`/cases/${caseId}/edit`))
  const panel = page.locator('[data-test="evidence-panel"]')
  await panel.waitFor()
  await panel.locator('[data-test="evidence-empty"]').waitFor()
  await page.locator('[data-test="evidence-count"]').filter({ hasText: '已上传 0 / 10 份' }).waitFor()

  // The quota of the school next to 报送.
  const quota = await page.locator('[data-test="case-quota"]').innerText()
  assert.match(quota, /名额：已报送 \d+ \/ \d+，剩余 \d+/)

  // First PDF: the name comes from the file name.
  await upload(page, '活动照片.pdf', makePdf(['Page One', 'Page Two', 'Page Three', 'Page Four', 'Page Five']), '2024-05')
  assert.equal(await page.locator('[data-test="evidence-name"]').inputValue(), '活动照片')
  await page.locator('[data-test="evidence-save"]').click()
  await page.locator('[data-test="evidence-row"]').first().waitFor()

  // Second PDF, renamed in the form.
  await upload(page, 'scan.pdf', makePdf(['Certificate']), '2024')
  await page.locator('[data-test="evidence-name"]').fill('获奖证书')
  await page.locator('[data-test="evidence-save"]').click()
  await page.locator('[data-test="evidence-count"]').filter({ hasText: '已上传 2 / 10 份' }).waitFor()
  const names = () => page.locator('[data-test="evidence-name-link"]').allInnerTexts()
  assert.deepEqual(await names(), ['活动照片', '获奖证书'])
  assert.match(await page.locator('[data-test="evidence-row"]').first().innerText(), /5页/)

  // Move the certificate up; the server keeps the new order.
  await page.locator('[data-test="evidence-row"]').nth(1).locator('[data-test="evidence-up"]').click()
  await page.waitForFunction(() => document.querySelector('[data-test="evidence-name-link"]')?.textContent === '获奖证书')
  let listed = (await apiGet(page, `/api/v1/cases/${caseId}/evidence`)).items
  for (let i = 0; i < 20 && listed[0].name !== '获奖证书'; i++) {
    await page.waitForTimeout(200)
    listed = (await apiGet(page, `/api/v1/cases/${caseId}/evidence`)).items
  }
  assert.deepEqual(
    listed.map((e) => [e.seq, e.name]),
    [
      [1, '获奖证书'],
      [2, '活动照片'],
    ],
  )
  await screenshot(page, 'case-evidence-editor')

  // Preview the five-page PDF: three canvases drawn by pdf.js.
  await page.locator('[data-test="evidence-row"]').nth(1).locator('[data-test="evidence-preview"]').click()
  await page.locator('[data-test="pdf-preview-summary"]').filter({ hasText: '共 5 页，显示前 3 页' }).waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.querySelectorAll('[data-test="pdf-preview-canvas"][data-rendered="1"]').length === 3, null, { timeout: 30_000 })
  await screenshot(page, 'case-evidence-preview')
  await page.keyboard.press('Escape')
  await page.locator('[data-test="pdf-preview"]').waitFor({ state: 'detached' })

  // 案例档案PDF: the write-up, the catalog and both evidence files as one bookmarked PDF.
  const pdfDownload = page.waitForEvent('download', { timeout: 30_000 })
  await page.locator('[data-test="case-pdf"]').click()
  const pdf = await pdfDownload
  assert.match(pdf.suggestedFilename(), /\.pdf$/)
  const bytes = readFileSync(await pdf.path())
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  assert.ok(bytes.includes(Buffer.from('/Outlines')), 'the archive has bookmarks')

  // An HTML page renamed .pdf: the server refuses, in Chinese.
  await upload(page, '伪装.pdf', Buffer.from('<html><body><script>alert(1)</script></body></html>'))
  await page.locator('[data-test="evidence-save"]').click()
  const err = page.locator('[data-test="evidence-error"]')
  await err.waitFor()
  const msg = await err.innerText()
  assert.match(msg, /PDF/, msg)
  assert.match(msg, /[\u4e00-\u9fff]/, msg)
  await screenshot(page, 'case-evidence-refused')
  await page.keyboard.press('Escape')
  assert.equal(await page.locator('[data-test="evidence-row"]').count(), 2)

  assert.deepEqual(problems, [])
  await context.close()
})

test('the editor and the preview on a 390 px phone', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await login(page, 'sch0001')
  await page.goto(url(`/cases/${caseId}/edit`))
  await page.locator('[data-test="evidence-row"]').nth(1).waitFor()
  await page.locator('[data-test="case-quota"]').waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`)
  await page.locator('[data-test="evidence-panel"]').scrollIntoViewIfNeeded()
  await screenshot(page, 'case-evidence-phone')
  await page.locator('[data-test="evidence-row"]').nth(1).locator('[data-test="evidence-preview"]').click()
  await page.waitForFunction(() => document.querySelectorAll('[data-test="pdf-preview-canvas"][data-rendered="1"]').length === 3, null, { timeout: 30_000 })
  await screenshot(page, 'case-evidence-preview-phone')
  assert.deepEqual(problems, [])
  await context.close()
})
