// The students' sports map on a 390 px phone, as a parent would use it: filter for pupils on a
// Saturday morning, the 15-minute list from a school with its walkshed, a venue's page with
// its next 14 days; then the list without the map.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, screenshot, url } from './helpers.mjs'

test('a parent on a phone finds what is open and within 15 minutes of a school', async () => {
  const browser = await launch()
  try {
    const { page, problems } = await openPage(browser, { viewport: { width: 390, height: 844 } })
    await page.goto(url('/map'))
    await page.locator('[data-test="map-canvas"]').waitFor()
    await page.locator('[data-test="venue-list"] li').first().waitFor()
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
    await page.locator('[data-test="venue-list"] li').first().waitFor()
    assert.equal(await page.locator('[data-test="map-canvas"]').count(), 0)
    assert.deepEqual(problems, [])
  } finally {
    await browser.close()
  }
})
