// Runtime features newer than Chromium 69 (the oldest core school PCs' 360/QQ browsers run in
// 极速模式) that the console or its libraries use. Syntax is lowered at build time (vite
// build.target); these fill in the library functions esbuild cannot.
/* eslint-disable @typescript-eslint/no-explicit-any */
const g: any = typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : window
if (typeof (g as any).globalThis === 'undefined') g.globalThis = g

function define(target: any, name: string, value: unknown) {
  if (!(name in target)) Object.defineProperty(target, name, { value, configurable: true, writable: true })
}

define(Object, 'fromEntries', function fromEntries(entries: Iterable<[PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {}
  for (const [k, v] of entries as any) out[k as any] = v
  return out
})
define(Object, 'hasOwn', function hasOwn(o: object, k: PropertyKey) {
  return Object.prototype.hasOwnProperty.call(o, k)
})
define(Array.prototype, 'at', function at(this: unknown[], i: number) {
  const n = Math.trunc(i) || 0
  return this[n < 0 ? this.length + n : n]
})
define(String.prototype, 'at', function at(this: string, i: number) {
  const n = Math.trunc(i) || 0
  return this.charAt(n < 0 ? this.length + n : n) || undefined
})
define(String.prototype, 'replaceAll', function replaceAll(this: string, search: string | RegExp, replacement: any) {
  if (search instanceof RegExp) return this.replace(search, replacement)
  return this.split(search).join(typeof replacement === 'function' ? replacement(search) : replacement)
})
define(Promise, 'allSettled', function allSettled(items: Iterable<unknown>) {
  return Promise.all(
    Array.from(items as any, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason) => ({ status: 'rejected', reason }),
      ),
    ),
  )
})
export {}
