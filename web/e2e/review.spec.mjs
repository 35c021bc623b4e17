// Journey: the city review of a call, from the packages in the city's hands to the public
// library. The city starts the review, builds a pool of three new expert accounts and applies
// the automatic assignment; two experts score in their workbench (one revises a draft first);
// the city selects a case and publishes; an anonymous visitor finds the case in the library
// by a two-character word, opens it, and verifies its certificate through the link its QR code
// holds. Then the expert's scoring page and the library on a 390 px phone.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, apiSend, field, goodContent, launch, login, openPage, screenshot, shanghaiDate, url } from './helpers.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** A new account's first sign-in: the password must be changed before anything else. */
async function firstLogin(page, username, password) {
  await page.goto(url('/login'))
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(password)
  await page.locator('[data-test="login-password"]').press('Enter')
  await page.waitForURL((u) => u.pathname.startsWith('/password'))
  await (await field(page, 'pw-old')).fill(password)
  await (await field(page, 'pw-new')).fill('Expert@2026x')
  await (await field(page, 'pw-confirm')).fill('Expert@2026x')
  await page.locator('[data-test="pw-submit"]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/password') && !u.pathname.startsWith('/login'))
}

/** Scores every criterion of the open sheet with the same share of its range. */
async function scoreAll(page, share) {
  const sheet = await page.locator('[data-test="score-sheet"]')
  const inputs = sheet.locator('[data-test^="score-input-"] input')
  const n = await inputs.count()
  for (let i = 0; i < n; i++) {
    const box = inputs.nth(i)
    const max = Number(await box.getAttribute('aria-valuemax'))
    await box.fill(String(Math.round(max * share * 2) / 2))
    await box.press('Tab')
  }
}

test('the city reviews, two experts score, the city publishes, a visitor finds and verifies', async () => {
  // The packages in the city's hands: two cases of the museum, which the city pre-reviews itself.
  const city = await openPage(browser)
  await login(city.page, 'city')
  const call = await apiSend(city.page, 'POST', '/api/v1/case-calls', { title: `市级评审旅程 ${Date.now()}`, deadline_date: shanghaiDate(20) })
  const museum = await openPage(browser)
  await login(museum.page, 'unit0001')
  const ids = []
  for (const [title, extra] of [['家访进馆：馆校共育的三年', '每学期开展家访，'], ['周末亲子研学课堂', '']]) {
    const k = await apiSend(museum.page, 'POST', '/api/v1/cases', { call_id: call.id, title })
    const content = goodContent()
    content.sections.overview = `${extra}${content.sections.overview}`
    const saved = await apiSend(museum.page, 'PUT', `/api/v1/cases/${k.id}`, { version: k.version, title, content })
    assert.equal(saved.title, title)
    await apiSend(museum.page, 'POST', `/api/v1/cases/${k.id}/submit`)
    await apiSend(city.page, 'POST', `/api/v1/cases/${k.id}/recommend`)
    ids.push(k.id)
  }
  await apiSend(city.page, 'PUT', `/api/v1/case-calls/${call.id}/package`, { contact_name: '李老师', contact_phone: '0531-86000002', remarks: [] })
  await apiSend(city.page, 'POST', `/api/v1/case-calls/${call.id}/package/send`)

  // The city starts the review: two experts per case, blind.
  await city.page.goto(url(`/review/reviews?call=${call.id}`))
  await city.page.locator('[data-test="review-start"]').waitFor()
  await city.page.locator('[data-test="review-start"] .el-input-number input').first().fill('2')
  await city.page.locator('[data-test="review-begin"]').click()
  await city.page.locator('.el-message--success', { hasText: '市级评审已开始' }).waitFor()
  await city.page.locator('[data-test="review-status"]', { hasText: '评分中' }).waitFor()

  // A pool of three new expert accounts, each from a district bureau (no conflict with the museum).
  const directory = async (name) => (await apiGet(city.page, `/api/v1/unit-directory?keyword=${encodeURIComponent(name)}`)).items[0]
  const experts = []
  for (const [name, unitName] of [['赵评审', '历下区教育局'], ['钱评审', '市中区教育局'], ['孙评审', '历城区教育局']]) {
    const unit = await directory(unitName)
    await city.page.locator('[data-test="pool-new"]').click()
    await (await field(city.page, 'pool-new-name')).fill(name)
    const picker = city.page.locator('[data-test="pool-new-unit"]').first()
    await picker.click()
    await (await field(city.page, 'pool-new-unit')).fill(unitName)
    await city.page.locator(`.ps-pool-new-unit [data-test="unit-option-${unit.id}"]`).click()
    await city.page.locator('[data-test="pool-new-submit"]').click()
    const shown = city.page.locator('[data-test="pool-created-username"]', { hasText: /^zj\d+$/ })
    await shown.waitFor()
    const username = await shown.innerText()
    const password = await city.page.locator('[data-test="pool-created-password"]').innerText()
    await city.page.locator('[data-test="pool-created-ok"]').click()
    experts.push({ name, username, password })
  }
  await city.page.locator('[data-test="pool-row-孙评审"]').waitFor()
  await screenshot(city.page, 'review-pool')

  // The automatic assignment, seen before it is applied.
  await city.page.locator('.el-tabs__item', { hasText: '分配与进度' }).click()
  await city.page.locator('[data-test="assign-propose"]').click()
  await city.page.locator('[data-test="proposal-summary"]').waitFor()
  assert.equal(await city.page.locator('[data-test="proposal-pairs"] .el-table__body tr').count(), 4)
  await screenshot(city.page, 'review-proposal')
  await city.page.locator('[data-test="proposal-apply"]').click()
  await city.page.locator('.el-message--success', { hasText: '已分配 4 条' }).waitFor()
  for (const id of ids) await city.page.locator(`[data-test="assign-count-${id}"]`, { hasText: '2 / 2' }).waitFor()
  await screenshot(city.page, 'review-assign')

  // Two experts score in their workbench; every case ends with two sheets.
  const review = (await apiGet(city.page, '/api/v1/reviews')).items.find((r) => r.call_id === call.id)
  const board = await apiGet(city.page, `/api/v1/reviews/${review.id}/board`)
  const byExpert = new Map()
  for (const k of board.cases) for (const e of k.experts) byExpert.set(e.name, [...(byExpert.get(e.name) ?? []), e.assignment_id])
  const scorers = experts.filter((e) => byExpert.has(e.name)).slice(0, 2)
  assert.equal(scorers.length, 2)
  let first = true
  for (const e of scorers) {
    const x = await openPage(browser)
    await firstLogin(x.page, e.username, e.password)
    await x.page.goto(url('/review/mine'))
    const mine = await apiGet(x.page, '/api/v1/review/mine')
    assert.ok(mine.items.length >= 1)
    for (const item of mine.items) {
      assert.ok(!item.title.includes('博物馆'), 'a blind review hides the unit in titles')
      await x.page.locator(`[data-test="mine-open-${item.assignment_id}"]`).click()
      await x.page.locator('[data-test="score-title"]').waitFor()
      assert.equal(await x.page.locator('[data-test="score-unit"]').innerText(), '××')
      await scoreAll(x.page, first ? 0.7 : 0.9)
      await x.page.locator('[data-test="score-save-state"]', { hasText: '草稿已保存' }).waitFor()
      if (first) await screenshot(x.page, 'review-score')
      await x.page.locator('[data-test="score-submit"]').click()
      await x.page.locator('.el-message-box__btns .el-button--primary').last().click()
      await x.page.locator('[data-test="score-state"]', { hasText: '已提交' }).waitFor()
      await x.page.goto(url('/review/mine'))
      first = false
    }
    await x.context.close()
  }
  // The third expert's sheets are still missing: each case gets the scores it has.
  for (const e of experts.filter((x) => !scorers.includes(x)))
    for (const aid of byExpert.get(e.name) ?? []) assert.ok(aid > 0)

  // The city selects the case with 家访 and publishes (confirming the missing sheets, if any).
  await city.page.locator('.el-tabs__item', { hasText: '评审结果' }).click()
  await city.page.locator('[data-test="results-table"]').waitFor()
  await city.page.locator(`[data-test="results-decide-${ids[0]}"] .el-radio-button`, { hasText: '入选' }).first().click()
  await city.page.locator('[data-test="results-selected"]', { hasText: '1' }).waitFor()
  await city.page.locator('[data-test="results-rest"]').click()
  await city.page.locator('.el-message-box__btns .el-button--primary').last().click()
  await screenshot(city.page, 'review-results')
  await city.page.locator('[data-test="results-publish"]').click()
  await city.page.locator('.el-message-box__btns .el-button--primary').last().click()
  const incomplete = city.page.locator('.el-message-box__title', { hasText: '评分不足仍要发布' })
  const published = city.page.locator('.el-message--success', { hasText: '评审结果已发布' })
  await Promise.race([incomplete.waitFor(), published.waitFor()])
  if (await incomplete.isVisible()) {
    await city.page.getByPlaceholder('例如：一位专家因病未能完成').fill('一位专家未能按时完成，经处务会研究同意发布')
    await city.page.locator('.el-message-box__btns .el-button--primary').last().click()
    await published.waitFor()
  }
  await city.page.locator('[data-test="review-status"]', { hasText: '结果已发布' }).waitFor()
  const results = await apiGet(city.page, `/api/v1/reviews/${review.id}/results`)
  const serial = results.rows.find((r) => r.case_id === ids[0]).certificate
  assert.match(serial, /^\d{4}-\d{3}-[A-Z2-9]{8}$/)

  // The museum sees the result on its case page and downloads the certificate.
  await museum.page.goto(url(`/cases/${ids[0]}`))
  await museum.page.locator('[data-test="case-review-result"]', { hasText: '入选' }).waitFor()
  const [certificate] = await Promise.all([museum.page.waitForEvent('download'), museum.page.locator('[data-test="case-certificate"]').click()])
  assert.match(certificate.suggestedFilename(), /^荣誉证书_/)
  await screenshot(museum.page, 'review-case-result')

  // An anonymous visitor: the library, a two-character word, the case, the certificate check.
  const visitor = await openPage(browser)
  await visitor.page.goto(url('/library'))
  await visitor.page.locator('[data-test="lib-keyword"]').fill('家访')
  await visitor.page.locator('[data-test="lib-search"]').click()
  const card = visitor.page.locator('[data-test="lib-card"]', { hasText: '家访进馆：馆校共育的三年' })
  await card.waitFor()
  await screenshot(visitor.page, 'library-list')
  await card.locator('a').first().click()
  await visitor.page.locator('[data-test="lib-case-title"]', { hasText: '家访进馆' }).waitFor()
  const text = await visitor.page.locator('body').innerText()
  assert.ok(!text.includes('0531-86001234') && !text.includes('王老师'), 'no phone numbers or people on the public page')
  await screenshot(visitor.page, 'library-case')
  // The QR code on the certificate holds this link.
  await visitor.page.goto(url(`/library/verify/${serial}`))
  const verdict = visitor.page.locator('[data-test="verify-result"]')
  await verdict.waitFor()
  assert.equal(await verdict.getAttribute('data-genuine'), 'true')
  assert.ok((await verdict.innerText()).includes('家访进馆'))
  await visitor.page.goto(url(`/library/verify/${serial.slice(0, -1)}${serial.endsWith('A') ? 'B' : 'A'}`))
  await visitor.page.locator('[data-test="verify-result"][data-genuine="false"]').waitFor()
  assert.deepEqual(visitor.problems, [])

  // On a 390 px phone: the library list and the case page without sideways scrolling.
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } })
  await phone.page.goto(url('/library?keyword=' + encodeURIComponent('家访')))
  await phone.page.locator('[data-test="lib-card"]').first().waitFor()
  assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
  await screenshot(phone.page, 'library-phone')
  assert.deepEqual(city.problems, [])
})
