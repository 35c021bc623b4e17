import { fileURLToPath, URL } from 'node:url'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/

function walk(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...walk(p))
    else out.push(p)
  }
  return out
}

// Writes foo.js.br and foo.js.gz next to every text asset in dist/, so the C++ server can
// serve them as they are (it picks .br, then .gz, by Accept-Encoding).
function precompress(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'xietong-precompress',
    apply: 'build',
    configResolved(c) {
      config = c
    },
    closeBundle() {
      const outDir = join(config.root, config.build.outDir)
      let count = 0
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue
        const body = readFileSync(file)
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }))
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: {
              [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
              [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        )
        count++
      }
      config.logger.info(`precompress: wrote .br and .gz for ${count} files`)
    },
  }
}

// The public case library's pages (/library, /library/cases/1, /library/verify/…) are served
// library.html (and the sports map's, /map/…, map.html) by the dev and preview servers (the C++ server needs the same SPA fallback).
function libraryPages(): Plugin {
  const rewrite = (req: { method?: string; url?: string }, _res: unknown, next: () => void) => {
    const path = (req.url || '').split('?')[0]
    if ((req.method === 'GET' || req.method === 'HEAD') && /^\/library(\/[^.]*)?$/.test(path)) req.url = '/library.html'
    if ((req.method === 'GET' || req.method === 'HEAD') && /^\/map(\/[^.]*)?$/.test(path)) req.url = '/map.html'
    next()
  }
  return {
    name: 'xietong-library-pages',
    configureServer(server) {
      server.middlewares.use(rewrite)
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite)
    },
  }
}

export default defineConfig({
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
      dirs: [],
    }),
    precompress(),
    libraryPages(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    // School PCs run 360/QQ browsers on old Chromium cores: syntax is lowered for Chromium 69
    // (checked after each build by e2e/legacy-syntax.mjs); older ones get public/browser-check.js.
    target: ['chrome69'],
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // The console (index.html) and the public case library (library.html, /library/…), a
      // separate small entry without Element Plus, Pinia or ECharts.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        library: fileURLToPath(new URL('./library.html', import.meta.url)),
        map: fileURLToPath(new URL('./map.html', import.meta.url)),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
})
