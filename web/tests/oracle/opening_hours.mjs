// The differential test's oracle: the npm package opening_hours evaluates each value of a
// corpus over a year and prints its open and unknown intervals as JSON lines, in local minutes
// since 1970-01-01 (run with TZ=Asia/Shanghai). Called by the C++ unit test of our evaluator.
//   node opening_hours.mjs CORPUS FROM_YYYY-MM-DD TO_YYYY-MM-DD
import { readFileSync } from 'node:fs'
import opening_hours from 'opening_hours'

const [corpus, from, to] = process.argv.slice(2)
const start = new Date(`${from}T00:00:00`)
const end = new Date(`${to}T00:00:00`)
const local = (d) => Math.round(d.getTime() / 60000) - d.getTimezoneOffset()
for (const line of readFileSync(corpus, 'utf8').split('\n')) {
  const value = line.trim()
  if (!value || value.startsWith('#')) continue
  let out
  try {
    const oh = new opening_hours(value, null, { locale: 'en' })
    out = { value, intervals: oh.getOpenIntervals(start, end).map(([a, b, unknown, comment]) => [local(a), local(b), unknown, comment ?? '']) }
  } catch (e) {
    out = { value, error: String(e) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
