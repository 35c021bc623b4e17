// 字数 as the platform counts it: Unicode code points excluding whitespace. The server counts
// the same way (server/src/core/text/zishu.cpp); both are tested on server/tests/vectors/zishu.json.
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u

export function zishu(text: string): number {
  let n = 0
  for (const ch of text) if (!SPACE.test(ch)) n++
  return n
}

export const ZISHU_RULE = '字数按字符计，不计空格、换行等空白字符；标点、字母、数字各计1字'
