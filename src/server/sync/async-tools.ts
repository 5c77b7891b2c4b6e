/**
 * A one-slot wake-up signal for a consumer loop: `notify` from any callback, `wait` in the loop.
 * A notify that arrives while the loop is busy is remembered, so no wake-up is ever lost.
 */
export class Wakeup {
  private resolve: (() => void) | null = null;
  private isPending = false;

  notify(): void {
    if (this.resolve) {
      const resolve = this.resolve;
      this.resolve = null;
      resolve();
    } else {
      this.isPending = true;
    }
  }

  /** Resolves on the next notify, after `timeoutMs`, or when `signal` aborts (never rejects). */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.isPending || signal.aborted) {
      this.isPending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        if (this.resolve === finish) this.resolve = null;
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, timeoutMs));
      signal.addEventListener('abort', finish, { once: true });
      this.resolve = finish;
    });
  }
}

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
