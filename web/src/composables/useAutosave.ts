// Autosave of a form: saves `delay` ms after the last change, one request at a time, again
// when the form changed while a save was under way; stops on a version conflict; retries
// network failures. The form itself is never touched: a failed save loses nothing.
import { readonly, ref } from 'vue'

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict'

export interface SaveFailure {
  /** conflict: stop until the user decides; retry: try again after retryDelay; error: wait for the next change. */
  kind: 'conflict' | 'retry' | 'error'
  message: string
}

export interface AutosaveOptions {
  /** What would be saved, as a string; equal strings need no save. */
  fingerprint: () => string
  /**
   * Saves what the form holds now. It must read the form before its first await, so the
   * fingerprint taken just before the call describes what was sent.
   */
  send: () => Promise<void>
  classify: (e: unknown) => SaveFailure
  delay?: number
  retryDelay?: number
}

export function useAutosave(opts: AutosaveOptions) {
  const delay = opts.delay ?? 3000
  const retryDelay = opts.retryDelay ?? 10_000
  const state = ref<SaveState>('idle')
  const error = ref('')
  const savedAt = ref<number | null>(null)
  const dirty = ref(false)
  let saved = ''
  let timer: ReturnType<typeof setTimeout> | null = null
  let inflight: Promise<void> | null = null

  function clearTimer() {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule(ms: number) {
    clearTimer()
    timer = setTimeout(() => {
      timer = null
      void run()
    }, ms)
  }

  /** The form now matches the server (after loading or restoring): nothing to save. */
  function reset(at: number | null = null) {
    clearTimer()
    saved = opts.fingerprint()
    dirty.value = false
    error.value = ''
    state.value = 'idle'
    savedAt.value = at
  }

  /** Call on every change of the form. */
  function changed() {
    dirty.value = opts.fingerprint() !== saved
    if (state.value === 'conflict' || state.value === 'saving') return
    if (!dirty.value) {
      clearTimer()
      if (state.value === 'pending') state.value = savedAt.value !== null ? 'saved' : 'idle'
      return
    }
    state.value = 'pending'
    schedule(delay)
  }

  /** Saves now if anything changed; one request at a time. */
  function run(): Promise<void> {
    if (inflight) return inflight
    clearTimer()
    if (state.value === 'conflict') return Promise.resolve()
    const fp = opts.fingerprint()
    if (fp === saved) {
      dirty.value = false
      if (state.value === 'pending' || state.value === 'error') state.value = savedAt.value !== null ? 'saved' : 'idle'
      return Promise.resolve()
    }
    state.value = 'saving'
    let sending: Promise<void>
    try {
      sending = opts.send()
    } catch (e) {
      sending = Promise.reject(e)
    }
    inflight = sending
      .then(() => {
        saved = fp
        savedAt.value = Date.now()
        error.value = ''
        dirty.value = opts.fingerprint() !== saved
        if (dirty.value) {
          state.value = 'pending'
          schedule(delay)
        } else {
          state.value = 'saved'
        }
      })
      .catch((e: unknown) => {
        const f = opts.classify(e)
        error.value = f.message
        dirty.value = opts.fingerprint() !== saved
        state.value = f.kind === 'conflict' ? 'conflict' : 'error'
        if (f.kind === 'retry') schedule(retryDelay)
      })
      .finally(() => {
        inflight = null
      })
    return inflight
  }

  /**
   * Saves whatever is unsaved now and waits for it: true when the server has everything
   * (used before leaving, submitting, restoring).
   */
  async function flush(): Promise<boolean> {
    clearTimer()
    for (let i = 0; i < 5; i++) {
      if (inflight) await inflight
      if (state.value === 'conflict') return false
      if (opts.fingerprint() === saved) {
        dirty.value = false
        if (state.value === 'pending') state.value = savedAt.value !== null ? 'saved' : 'idle'
        return true
      }
      await run()
      const after = state.value as SaveState
      if (after === 'error' || after === 'conflict') return false
    }
    return opts.fingerprint() === saved
  }

  /** Leaves the conflict state (after the user chose to save over) and saves now. */
  function retry(): Promise<void> {
    if (state.value === 'conflict') state.value = 'pending'
    return run()
  }

  function stop() {
    clearTimer()
  }

  return {
    state: readonly(state),
    error: readonly(error),
    savedAt: readonly(savedAt),
    dirty: readonly(dirty),
    reset,
    changed,
    run,
    flush,
    retry,
    stop,
  }
}
