/**
 * A one-slot wake-up signal for a consumer loop: `notify` from any callback, `wait` in the loop.
 * A notify that arrives while the loop is busy is remembered, so no wake-up is ever lost.
 *
 * A map's stream waits here after every event it sends, so a wait is cheap: the abort listener is added
 * once per signal, and a wait for the same deadline as the last one (the loop's next recheck) keeps its
 * timer. A stale timer can only wake the loop early, which a loop tolerates; `dispose` ends both.
 */
export class Wakeup {
  private resolve: (() => void) | null = null;
  private isPending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDeadline = 0;
  private watched: AbortSignal | null = null;
  private readonly wake = () => {
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.();
  };
  private readonly onTimer = () => {
    this.timer = null;
    this.wake();
  };

  notify(): void {
    if (this.resolve) this.wake();
    else this.isPending = true;
  }

  /** Resolves on the next notify, after `timeoutMs`, or when `signal` aborts (never rejects). */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.isPending || signal.aborted) {
      this.isPending = false;
      return Promise.resolve();
    }
    if (this.watched !== signal) {
      this.watched?.removeEventListener('abort', this.wake);
      this.watched = signal;
      signal.addEventListener('abort', this.wake, { once: true });
    }
    const deadline = Date.now() + Math.max(0, timeoutMs);
    if (!this.timer || Math.abs(deadline - this.timerDeadline) > TIMER_SLACK_MS) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(this.onTimer, Math.max(0, timeoutMs));
      this.timerDeadline = deadline;
    }
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Ends the timer and the abort listener (the loop is done). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watched?.removeEventListener('abort', this.wake);
    this.watched = null;
    this.wake();
  }
}

/** Two waits whose deadlines are this close share one timer. */
const TIMER_SLACK_MS = 5;

/**
 * Wraps an async generator so that `return()` (a client unsubscribing, a test breaking out of
 * `for await`) ends it promptly even while it awaits something: the generator gets a signal that
 * aborts first, on `return()` or when `outer` aborts, and its waits listen to that signal.
 */
export function abortableIterable<T>(
  factory: (signal: AbortSignal) => AsyncGenerator<T, void, unknown>,
  outer?: AbortSignal,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const controller = new AbortController();
      const onOuterAbort = () => controller.abort();
      if (outer?.aborted) controller.abort();
      else outer?.addEventListener('abort', onOuterAbort, { once: true });
      const inner = factory(controller.signal);
      const cleanup = () => outer?.removeEventListener('abort', onOuterAbort);
      return {
        next: async () => {
          const result = await inner.next();
          if (result.done) cleanup();
          return result;
        },
        return: async () => {
          controller.abort();
          cleanup();
          await inner.return(undefined);
          return { done: true, value: undefined };
        },
        throw: async (error: unknown) => {
          controller.abort();
          cleanup();
          return inner.throw(error);
        },
      };
    },
  };
}
