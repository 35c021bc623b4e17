import { checkPassword } from './password'

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const DIGIT = '23456789'
const SPECIAL = '@#%&*+=?!'

function pick(set: string, n: number): string {
  const buf = new Uint32Array(n)
  crypto.getRandomValues(buf)
  return Array.from(buf, (x) => set[x % set.length]).join('')
}

/** A random 12-character initial password meeting the policy (no look-alike characters). */
export function generatePassword(): string {
  for (;;) {
    const chars = (pick(UPPER, 3) + pick(LOWER, 4) + pick(DIGIT, 3) + pick(SPECIAL, 2)).split('')
    const order = new Uint32Array(chars.length)
    crypto.getRandomValues(order)
    const pw = chars
      .map((c, i) => ({ c, k: order[i]! }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.c)
      .join('')
    if (!checkPassword(pw)) return pw
  }
}
