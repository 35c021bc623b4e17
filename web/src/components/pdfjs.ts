// pdf.js, loaded on first use (it is large): the library and its worker are bundled by Vite
// and served from our own origin, so the page's Content-Security-Policy (script-src 'self',
// worker-src falling back to it) allows them. No eval (isEvalSupported: false) and no
// WebAssembly (useWasm: false: the CSP has no 'wasm-unsafe-eval').
type PdfJs = typeof import('pdfjs-dist')

let loading: Promise<PdfJs> | null = null

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default
    return lib
  })
  loading.catch(() => {
    loading = null
  })
  return loading
}

/** Options of getDocument that keep pdf.js within the CSP and away from scripts in the file. */
export const SAFE_PDF_OPTIONS = {
  isEvalSupported: false,
  useWasm: false,
  enableXfa: false,
  disableAutoFetch: true,
  stopAtErrors: false,
} as const
