// Journey: 通知附件 of a call. The city opens a call (through the API), uploads a .docx through
// the call form's file input, and sees an .exe renamed .docx refused with the server's Chinese
// message; a school opens the call's row in the list and downloads the file (200). Then the
// school's list on a 390 px phone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, launch, login, makeZip, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

function makeDocx(text) {
  return makeZip(Object.entries({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  }))
}

const stamp = Date.now().toString(36)
const title = `E2E 通知附件征集 ${stamp}`
const fileName = '附件1 案例撰写模板.docx'
let callId = 0

/** Searches the calls list for this journey's call. */
async function findCall(page) {
  await page.goto(url('/cases/calls'))
  await page.locator('[data-test="call-search-keyword"]').fill(stamp)
  await page.locator('[data-test="call-search-submit"]').click()
  await page.locator(`[data-test="call-row-${callId}"]`).waitFor()
}

test('the city attaches a .docx to a call through the form', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'city')
  const { rules } = await apiGet(page, '/api/v1/case-calls/template')
  const call = await apiSend(page, 'POST', '/api/v1/case-calls', { title, notice: '通知附件测试。', deadline_date: shanghaiDate(30), grace_minutes: 0, status: 'open', rules })
  callId = call.id

  await findCall(page)
  await page.locator(`[data-test="call-edit-${callId}"]`).click()
  const dialog = page.locator('[data-test="call-form-dialog"]')
  await dialog.locator('[data-test="call-files-empty"]').waitFor()

  await page.locator('[data-test="call-file-input"]').setInputFiles({ name: fileName, mimeType: '', buffer: makeDocx('案例撰写模板') })
  await dialog.locator('[data-test="call-file-link"]', { hasText: fileName }).waitFor()

  // An executable renamed .docx: the server looks at the content and refuses in Chinese.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048, 0x41)])
  await page.locator('[data-test="call-file-input"]').setInputFiles({ name: 'setup.docx', mimeType: '', buffer: exe })
  const error = dialog.locator('[data-test="call-file-error"]')
  await error.waitFor()
  assert.match(await error.innerText(), /文件不是 Word 或 Excel 文档/)
  assert.equal(await dialog.locator('[data-test="call-file-row"]').count(), 1)
  await screenshot(page, 'call-files-form')
  await context.close()
  assert.deepEqual(problems, [])
})

test('a school sees the attachment in the calls list and downloads it', async () => {
  const { context, page, problems } = await openPage(browser)
  await login(page, 'sch0001')
  await findCall(page)
  const row = page.locator('.el-table__row', { has: page.locator(`[data-test="call-row-${callId}"]`) })
  await row.locator('.el-table__expand-icon').click()
  const link = page.locator(`[data-test="call-files-${callId}"] [data-test="call-file-link"]`)
  await link.filter({ hasText: fileName }).waitFor()
  assert.equal(await page.locator(`[data-test="call-files-${callId}"] [data-test="call-file-delete"]`).count(), 0)

  const [response, download] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/call-files\/\d+$/.test(new URL(r.url()).pathname)),
    page.waitForEvent('download'),
    link.click(),
  ])
  assert.equal(response.status(), 200)
  assert.equal(download.suggestedFilename(), fileName)
  await screenshot(page, 'call-files-school')
  await context.close()
  assert.deepEqual(problems, [])
})

test('the attachments on a 390 px phone', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await login(page, 'sch0001')
  await findCall(page)
  const row = page.locator('.el-table__row', { has: page.locator(`[data-test="call-row-${callId}"]`) })
  await row.locator('.el-table__expand-icon').click()
  await page.locator(`[data-test="call-files-${callId}"] [data-test="call-file-link"]`).first().waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`)
  await screenshot(page, 'call-files-school-390')
  await context.close()
  assert.deepEqual(problems, [])
})
