import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { zishu } from '../../src/utils/zishu'

const vectors = JSON.parse(
  readFileSync(resolve(process.cwd(), '../server/tests/vectors/zishu.json'), 'utf8'),
) as { cases: { text: string; count: number }[] }

describe('zishu (shared vectors with the server)', () => {
  it('has vectors', () => expect(vectors.cases.length).toBeGreaterThanOrEqual(10))
  for (const c of vectors.cases) {
    it(`counts ${JSON.stringify(c.text)} as ${c.count}`, () => expect(zishu(c.text)).toBe(c.count))
  }
  it('counts 3000 characters of a long text', () => expect(zishu('字'.repeat(3000) + ' \n')).toBe(3000))
})
