// Shared pieces of the browser journeys: launching Debian's Chromium through playwright-core,
// signing in, screenshots. Run with XIETONG_URL pointing at a server started with --demo.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.XIETONG_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '')
export const DEMO_PASSWORD = process.env.XIETONG_DEMO_PASSWORD || 'Demo@2026'
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ''

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium',
    args: CHROMIUM_ARGS,
  })
}

/**
 * A fresh browser context (own cookies) and page, in Chinese and Beijing time. Page errors
 * and failed same-origin requests other than expected API errors are collected in `problems`.
 */
export async function openPage(browser, { viewport = { width: 1366, height: 860 } } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (err) => problems.push(`页面脚本错误：${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) problems.push(`CSP：${msg.text()}`)
  })
  page.on('response', (res) => {
    const url = res.url()
    if (url.startsWith(BASE_URL) && !url.includes('/api/') && res.status() >= 400) problems.push(`${res.status()} ${url}`)
  })
  return { context, page, problems }
}

export function url(path) {
  return BASE_URL + path
}

/** Signs in through the login form and waits until the app has left /login. */
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto(url('/login'))
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(password)
  await page.locator('[data-test="login-password"]').press('Enter')
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.locator('[data-test="product-name"]').waitFor()
}

/** The text box of an Element Plus field, whether the test id sits on it or on its wrapper. */
export async function field(page, testId) {
  const el = page.locator(`[data-test="${testId}"]`).first()
  const tag = await el.evaluate((n) => n.tagName)
  return tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input, textarea').first()
}

/** Calls the API from inside the page (same cookies, same origin). GET only. */
export async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error(`${p} → ${res.status} ${await res.text()}`)
    return res.json()
  }, path)
}

export async function screenshot(page, name) {
  if (!SCREENSHOT_DIR) return
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/**
 * Chooses a unit in a UnitPicker (lazy tree-select): opens the picker, expands the unit's
 * ancestors from the top the user can see, then clicks the unit.
 */
export async function pickUnit(page, pickerTestId, popperClass, unitId) {
  const chain = []
  for (let id = unitId; id; ) {
    const u = await apiGet(page, `/api/v1/units/${id}`)
    chain.unshift(u.id)
    id = u.parent_id
  }
  await page.locator(`[data-test="${pickerTestId}"]`).click()
  const popper = page.locator(`.${popperClass}`)
  await popper.locator('[data-test="unit-node"]').first().waitFor()
  // The first ancestor shown at the top level of the tree is where expanding starts.
  let start = 0
  for (let i = 0; i < chain.length; i++) {
    if (await popper.locator(`[data-unit-id="${chain[i]}"]`).count()) {
      start = i
      break
    }
  }
  for (let i = start; i < chain.length - 1; i++) {
    const node = popper.locator('.el-tree-node__content', { has: page.locator(`[data-unit-id="${chain[i]}"]`) }).first()
    const child = popper.locator(`[data-unit-id="${chain[i + 1]}"]`)
    if (!(await child.isVisible())) await node.locator('.el-tree-node__expand-icon').click()
    await child.waitFor({ state: 'visible' })
  }
  await popper.locator(`[data-unit-id="${unitId}"]`).click()
}

/** Texts of the ElMessage toasts currently shown. */
export async function messages(page) {
  return page.locator('.el-message').allInnerTexts()
}

/** A small valid PDF with one line of text per page. */
export function makePdf(texts) {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>']
  objs.push(`<< /Type /Pages /Kids [${texts.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${texts.length} >>`)
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  texts.forEach((t, i) => {
    const stream = `BT /F1 36 Tf 72 700 Td (${t}) Tj ET\n0.2 0.4 0.8 rg 72 200 450 400 re f\n`
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`)
    objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`)
  })
  let out = '%PDF-1.4\n'
  const offsets = objs.map((o, i) => {
    const at = out.length
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
    return at
  })
  const xref = out.length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** Calls the API from inside the page with the session's CSRF token; returns the JSON answer (null when empty). */
export async function apiSend(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).json()
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
      return text ? JSON.parse(text) : null
    },
    { method, path, body },
  )
}

/** YYYY-MM-DD in Asia/Shanghai, `days` from today. */
export function shanghaiDate(days) {
  const now = new Date(Date.now() + 8 * 3600 * 1000)
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10)
}

/** A case that meets the Qingdao template's rules (2000 字, one partner, 12+ months of practice). */
export function goodContent() {
  const r = (s, n) => s.repeat(n)
  return {
    partners: [{ unit_id: null, name: '泉城路社区居民委员会' }],
    form: '社区+学校',
    topics: ['法治教育'],
    practice_start: '2020-09-01',
    still_running: true,
    contact_name: '王老师',
    contact_phone: '0531-86001234',
    authors: [],
    sections: { overview: r('成果', 100), background: r('背景', 200), content: r('内容', 200), practice: r('做法', 200), results: r('成效', 200), reflection: r('反思', 100) },
  }
}


const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A ZIP of the given entries, stored without compression (enough for a test workbook). */
export function makeZip(entries) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8')
    const fname = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fname.length, 26)
    locals.push(local, fname, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fname.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, fname)
    offset += 30 + fname.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** An .xlsx workbook with one sheet of text rows (inline strings), as a user's spreadsheet would hold them. */
export function makeXlsx(rows) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const col = (i) => String.fromCharCode(65 + i)
  const sheet =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`)
      .join('') +
    '</sheetData></worksheet>'
  return makeZip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="导入" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', sheet],
  ])
}
