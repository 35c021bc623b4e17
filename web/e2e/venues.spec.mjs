// The students' sports map on a 390 px phone, as a parent would use it: filter for pupils on a
// Saturday morning, the 15-minute list from a school with its walkshed, a venue's page with
// its next 14 days; then the list without the map.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, field, launch, login, openPage, screenshot, url } from './helpers.mjs'

test('a parent on a phone finds what is open and within 15 minutes of a school', async () => {
  const browser = await launch()
  try {
    const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
    await page.goto(url('/map'))
    // A phone starts with the list; the map comes when asked for.
    await page.locator('[data-test="venue-list"] li').first().waitFor()
    assert.equal(await page.locator('[data-test="map-canvas"]').count(), 0)
    await page.locator('[data-test="view-map"]').click()
    await page.locator('[data-test="map-canvas"]').waitFor()
    await screenshot(page, 'map-phone')

    // Sports places, for a pupil alone, open next Saturday at 10:00.
    await page.locator('[data-test="f-kind"]').selectOption('sports')
    await page.locator('[data-test="f-audience"]').selectOption('pupil')
    await page.locator('[data-test="f-open"]').selectOption('at')
    await page.locator('[data-test="f-open-at"]').fill('2026-12-05T10:00')
    await page.locator('[data-test="f-apply"]').click()
    await page.waitForURL((u) => u.searchParams.get('audience') === 'pupil' && u.searchParams.get('open') === '2026-12-05T10:00')
    const names = await page.locator('[data-test="venue-list"] li').allInnerTexts()
    assert.ok(names.length > 0, 'open sports places are listed')
    for (const n of names) assert.ok(n.includes('开放中') || n.includes('暂停开放'), n)

    // The walk from a school: a list by walking time and the walkshed.
    await page.locator('[data-test="walk-minutes"]').fill('20')
    await page.locator('[data-test="walk-school"]').fill('小学')
    await page.locator('[data-test="walk-schools"] button').first().click()
    await page.locator('[data-test="walk-result"]').waitFor()
    const result = await page.locator('[data-test="walk-result"]').innerText()
    assert.match(result, /20 分钟步行可达/)
    assert.match(result, /按实际街道步行计算/)
    const times = await page.locator('[data-test="walk-item"] .map-walk-time').allInnerTexts()
    const mins = times.map((t) => (t.includes('不到') ? 0 : Number(t.replace(/\D/g, ''))))
    assert.deepEqual(mins, [...mins].sort((a, b) => a - b), 'nearest first')
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
    await screenshot(page, 'map-walk-phone')

    // A venue's page: hours per audience for the next 14 days.
    await page.locator('[data-test="venue-list"] a').first().click()
    await page.locator('[data-test="venue-page"]').waitFor()
    assert.equal(await page.locator('[data-test="venue-days"] tbody tr').count(), 14)
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling')
    await screenshot(page, 'map-venue-phone')

    // The list without the map (low bandwidth): no map is drawn.
    await page.goto(url('/map?view=list&kind=study&free=1'))
    await page.setViewportSize({ width: 1366, height: 860 })
    await page.locator('[data-test="venue-list"] li').first().waitFor()
    assert.equal(await page.locator('[data-test="map-canvas"]').count(), 0)
    assert.deepEqual(problems, [])
  } finally {
    await browser.close()
  }
})

test('staff add a venue with the hours form and close it; a district sees its own coverage', async () => {
  const browser = await launch()
  try {
    const city = await openPage(browser)
    await login(city.page, 'city')
    const meta = await apiGet(city.page, '/api/v1/public/venues/meta')
    const [w, s, e, n] = meta.bounds
    await city.page.goto(url('/venues/list'))
    await city.page.locator('[data-test="venue-add"]').click()
    const name = `浏览器测试运动场${Date.now() % 100000}`
    await (await field(city.page, 'venue-name')).fill(name)
    await city.page.locator('[data-test="venue-kind"]').click()
    await city.page.locator('.ps-venue-kind .el-select-dropdown__item', { hasText: '社区运动场' }).click()
    // Coordinates far outside the city first: refused with the reason.
    await (await field(city.page, 'venue-lon')).fill('116.4')
    await (await field(city.page, 'venue-lon')).press('Tab')
    await (await field(city.page, 'venue-lat')).fill('39.9')
    await (await field(city.page, 'venue-lat')).press('Tab')
    // Hours written by the form: weekdays after school, weekends and school holidays, closed on public holidays.
    const pupil = city.page.locator('.hours-editor').first()
    await pupil.getByRole('button', { name: '按日期填写' }).click()
    await pupil.getByRole('button', { name: '写入' }).click()
    await field(city.page, 'venue-hours-pupil')
    assert.equal(await (await field(city.page, 'venue-hours-pupil')).inputValue(), 'Mo-Fr 16:00-20:00; Sa,Su,SH 08:00-20:00; PH off')
    await city.page.locator('[data-test="venue-hours-pupil-preview"]').waitFor()
    const preview = await city.page.locator('[data-test="venue-hours-pupil-preview"]').innerText()
    assert.match(preview, /16:00-20:00|08:00-20:00/)
    await city.page.locator('[data-test="venue-save"]').click()
    await city.page.locator('.el-form-item__error', { hasText: '不在本市范围内' }).waitFor()
    await (await field(city.page, 'venue-lon')).fill(((w + e) / 2).toFixed(6))
    await (await field(city.page, 'venue-lon')).press('Tab')
    await (await field(city.page, 'venue-lat')).fill(((s + n) / 2).toFixed(6))
    await (await field(city.page, 'venue-lat')).press('Tab')
    await city.page.locator('[data-test="venue-save"]').click()
    await city.page.locator('.el-message--success').first().waitFor()
    await (await field(city.page, 'venue-search')).fill(name)
    await (await field(city.page, 'venue-search')).press('Enter')
    await city.page.locator('[data-test="venue-table"] tbody tr', { hasText: name }).waitFor()
    await screenshot(city.page, 'venues-list')

    // Close it for maintenance: the public page says so at once.
    await city.page.locator('[data-test="venue-table"] tbody tr', { hasText: name }).getByRole('button', { name: '暂停开放' }).click()
    await (await field(city.page, 'venue-close-reason')).fill('场地翻新')
    await city.page.locator('[data-test="venue-close-save"]').click()
    await city.page.locator('[data-test="venue-table"] tbody tr', { hasText: '暂停开放' }).first().waitFor()
    const found = await apiGet(city.page, `/api/v1/public/venues?keyword=${encodeURIComponent(name)}`)
    assert.equal(found.total, 1)
    await city.page.goto(url(`/map/venues/${found.items[0].id}`))
    await city.page.locator('[data-test="venue-closed"]').waitFor()
    assert.match(await city.page.locator('[data-test="venue-closed"]').innerText(), /场地翻新/)
    assert.deepEqual(city.problems, [])

    // District staff: their own district's coverage, as a table, a map layer and a filter.
    const lixia = await openPage(browser)
    await login(lixia.page, 'lixia')
    await lixia.page.goto(url('/venues/coverage'))
    await lixia.page.locator('[data-test="coverage-districts"] tbody tr').first().waitFor()
    const districts = await lixia.page.locator('[data-test="coverage-districts"] tbody tr').allInnerTexts()
    assert.equal(districts.length, 1)
    assert.match(districts[0], /历下区/)
    await lixia.page.locator('[data-test="coverage-map"] canvas').first().waitFor()
    await lixia.page.locator('[data-test="coverage-no-sports"]').click()
    const rows = await lixia.page.locator('[data-test="coverage-table"] tbody tr').allInnerTexts()
    for (const r of rows) assert.match(r, /15分钟内没有/)
    await screenshot(lixia.page, 'venues-coverage')
    assert.deepEqual(lixia.problems, [])
  } finally {
    await browser.close()
  }
})
