import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAutosave, type SaveFailure } from '@/composables/useAutosave'

/** A form of one text field and a fake server whose answers the test controls. */
function setup(opts: { fail?: (n: number) => SaveFailure | null } = {}) {
  const form = { text: '' }
  const sent: string[] = []
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = []
  let auto = true
  const a = useAutosave({
    fingerprint: () => form.text,
    classify: (e) => e as SaveFailure,
    send: () => {
      sent.push(form.text)
      const f = opts.fail?.(sent.length)
      if (auto) return f ? Promise.reject(f) : Promise.resolve()
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }))
    },
  })
  a.reset(1)
  const type = (t: string) => {
    form.text = t
    a.changed()
  }
  return { a, form, sent, pending, type, manual: () => (auto = false) }
}

describe('useAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('saves 3 s after the last keystroke, once', async () => {
    const { a, sent, type } = setup()
    type('一')
    await vi.advanceTimersByTimeAsync(2000)
    type('一二')
    await vi.advanceTimersByTimeAsync(2999)
    expect(sent).toEqual([])
    expect(a.state.value).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(sent).toEqual(['一二'])
    expect(a.state.value).toBe('saved')
    expect(a.dirty.value).toBe(false)
  })

  it('does nothing when the text comes back to what was saved', async () => {
    const { a, sent, type } = setup()
    type('x')
    type('')
    await vi.advanceTimersByTimeAsync(5000)
    expect(sent).toEqual([])
    expect(a.state.value).toBe('saved') // the server has it (reset was told when it was saved)
    expect(a.dirty.value).toBe(false)
  })

  it('saves again what was typed while a save was under way', async () => {
    const s = setup()
    s.manual()
    s.type('甲')
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.a.state.value).toBe('saving')
    s.type('甲乙')
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.sent).toEqual(['甲']) // one request at a time
    s.pending.shift()!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(s.a.state.value).toBe('pending')
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.sent).toEqual(['甲', '甲乙'])
    s.pending.shift()!.resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(s.a.state.value).toBe('saved')
  })

  it('stops on a conflict and keeps the text; retry saves it', async () => {
    const { a, form, sent, type } = setup({ fail: (n) => (n === 1 ? { kind: 'conflict', message: '已在别处保存过' } : null) })
    type('我的内容')
    await vi.advanceTimersByTimeAsync(3000)
    expect(a.state.value).toBe('conflict')
    expect(a.error.value).toBe('已在别处保存过')
    expect(form.text).toBe('我的内容')
    type('我的内容，继续')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(sent).toEqual(['我的内容']) // no autosave over someone else's version
    expect(await a.flush()).toBe(false)
    await a.retry()
    expect(sent).toEqual(['我的内容', '我的内容，继续'])
    expect(a.state.value).toBe('saved')
  })

  it('retries a network failure by itself', async () => {
    const { a, sent, type } = setup({ fail: (n) => (n === 1 ? { kind: 'retry', message: '网络连接失败' } : null) })
    type('a')
    await vi.advanceTimersByTimeAsync(3000)
    expect(a.state.value).toBe('error')
    expect(a.dirty.value).toBe(true)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(sent).toEqual(['a', 'a'])
    expect(a.state.value).toBe('saved')
  })

  it('waits for the next change after a refusal', async () => {
    const { a, sent, type } = setup({ fail: (n) => (n === 1 ? { kind: 'error', message: '案例名称不超过100字' } : null) })
    type('a')
    await vi.advanceTimersByTimeAsync(3000)
    expect(a.state.value).toBe('error')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(sent).toEqual(['a'])
    type('ab')
    await vi.advanceTimersByTimeAsync(3000)
    expect(sent).toEqual(['a', 'ab'])
    expect(a.state.value).toBe('saved')
  })

  it('flush saves at once and reports whether the server has everything', async () => {
    const { a, sent, type } = setup()
    type('离开前')
    expect(await a.flush()).toBe(true)
    expect(sent).toEqual(['离开前'])
    expect(await a.flush()).toBe(true)
    expect(sent).toEqual(['离开前'])
  })

  it('flush reports a failure', async () => {
    const { a, type } = setup({ fail: () => ({ kind: 'retry', message: '网络连接失败' }) })
    type('x')
    expect(await a.flush()).toBe(false)
    a.stop()
  })
})
