// The built console must parse in Chromium 69 (old 360/QQ browser cores): walks every script in
// dist/assets and refuses syntax that core lacks (optional chaining, ??, logical assignment,
// class fields, private names, static blocks, numeric separators). Run after `vite build`.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'acorn'

const TOO_NEW = {
  ChainExpression: 'optional chaining ?. (Chromium 80)',
  PropertyDefinition: 'class fields (Chromium 72)',
  PrivateIdentifier: 'private names # (Chromium 74)',
  StaticBlock: 'static blocks (Chromium 94)',
}
const dir = process.argv[2] ?? 'dist/assets'
// pdf.js's worker is copied as it is (it runs in its own thread, only for the in-browser
// preview). On a core too old for it the preview shows its error and 下载 still works.
const SKIP = /^pdf\.worker\.min-.*\.mjs$/
const found = []
function walk(node, file) {
  if (!node || typeof node.type !== 'string') return
  let why = TOO_NEW[node.type]
  if (node.type === 'LogicalExpression' && node.operator === '??') why = 'nullish coalescing ?? (Chromium 80)'
  if (node.type === 'AssignmentExpression' && ['??=', '||=', '&&='].includes(node.operator)) why = `logical assignment ${node.operator} (Chromium 85)`
  if (node.type === 'Literal' && typeof node.raw === 'string' && /^\d[\d_]*_/.test(node.raw)) why = 'numeric separators (Chromium 75)'
  if (why) found.push(`${file}:${node.start}: ${why}`)
  for (const key of Object.keys(node)) {
    const v = node[key]
    if (Array.isArray(v)) v.forEach((c) => walk(c, file))
    else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, file)
  }
}
let files = 0
for (const name of readdirSync(dir)) {
  if (!/\.m?js$/.test(name) || SKIP.test(name)) continue
  files++
  const src = readFileSync(join(dir, name), 'utf8')
  walk(parse(src, { ecmaVersion: 'latest', sourceType: 'module' }), name)
}
if (!files) {
  console.error(`legacy-syntax: no scripts in ${dir}`)
  process.exit(1)
}
if (found.length) {
  console.error(`legacy-syntax: ${found.length} uses of syntax Chromium 69 lacks:\n  ` + found.slice(0, 30).join('\n  '))
  process.exit(1)
}
console.log(`legacy-syntax: ${files} scripts parse as Chromium 69 syntax`)
