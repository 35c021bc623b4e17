// A fake XMLHttpRequest that records what was sent and answers as told.
export class FakeXhr {
  static last: FakeXhr
  static answer: { status: number; body: string } = { status: 201, body: '{}' }
  method = ''
  url = ''
  headers: Record<string, string> = {}
  withCredentials = false
  body: unknown
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v
  }
  send(body: unknown) {
    this.body = body
    queueMicrotask(() => {
      this.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true })
      this.upload.onprogress?.({ loaded: 10, total: 10, lengthComputable: true })
      this.status = FakeXhr.answer.status
      this.responseText = FakeXhr.answer.body
      this.onload?.()
    })
  }
  abort() {
    this.onabort?.()
  }
}

