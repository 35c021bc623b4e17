// Character-level difference of two texts (Myers' O(ND) algorithm), for comparing versions of
// a case. Code points, not UTF-16 units, so 𠮷 and emoji are never split.

export type DiffOp = 'eq' | 'ins' | 'del'
export interface DiffPart {
  op: DiffOp
  text: string
}

/** Parts turning `a` into `b`: equal runs, deletions from a, insertions from b, in order. */
export function diffText(a: string, b: string): DiffPart[] {
  const x = Array.from(a)
  const y = Array.from(b)
  // Common prefix and suffix first: most edits are local.
  let pre = 0
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++
  let suf = 0
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++
  const xs = x.slice(pre, x.length - suf)
  const ys = y.slice(pre, y.length - suf)
  const parts: DiffPart[] = []
  const push = (op: DiffOp, s: string) => {
    if (!s) return
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += s
    else parts.push({ op, text: s })
  }
  push('eq', x.slice(0, pre).join(''))
  for (const p of myers(xs, ys)) push(p.op, p.text)
  push('eq', x.slice(x.length - suf).join(''))
  return parts
}

function myers(x: string[], y: string[]): DiffPart[] {
  const n = x.length
  const m = y.length
  if (n === 0) return m ? [{ op: 'ins', text: y.join('') }] : []
  if (m === 0) return [{ op: 'del', text: x.join('') }]
  const max = n + m
  const offset = max
  const v = new Int32Array(2 * max + 2)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let i: number
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) i = v[offset + k + 1]!
      else i = v[offset + k - 1]! + 1
      let j = i - k
      while (i < n && j < m && x[i] === y[j]) {
        i++
        j++
      }
      v[offset + k] = i
      if (i >= n && j >= m) {
        found = true
        break
      }
    }
  }
  // Walk back through the saved frontiers.
  const out: DiffPart[] = []
  let i = n
  let j = m
  for (let d = trace.length - 1; d >= 0 && (i > 0 || j > 0); d--) {
    const vd = trace[d]!
    const k = i - j
    let prevK: number
    if (k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!)) prevK = k + 1
    else prevK = k - 1
    const prevI = d === 0 ? 0 : vd[offset + prevK]!
    const prevJ = prevI - prevK
    while (i > prevI && j > prevJ) {
      out.push({ op: 'eq', text: x[i - 1]! })
      i--
      j--
    }
    if (d > 0) {
      if (i === prevI) out.push({ op: 'ins', text: y[j - 1]! })
      else out.push({ op: 'del', text: x[i - 1]! })
    }
    i = prevI
    j = prevJ
  }
  out.reverse()
  const merged: DiffPart[] = []
  for (const p of out) {
    const last = merged[merged.length - 1]
    if (last && last.op === p.op) last.text += p.text
    else merged.push({ ...p })
  }
  return merged
}

/** Applies the parts to get back both texts (for tests and sanity checks). */
export function sides(parts: DiffPart[]): { a: string; b: string } {
  let a = ''
  let b = ''
  for (const p of parts) {
    if (p.op !== 'ins') a += p.text
    if (p.op !== 'del') b += p.text
  }
  return { a, b }
}
