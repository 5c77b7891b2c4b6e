/** Helpers for consuming tRPC subscriptions through a server-side caller in integration tests. */
import { createCaller } from '@/server/api/root';
import { getDb } from '@/server/db';
import type { Actor } from '@/server/access/actor';

/** A caller whose subscriptions end when `controller` aborts. */
export function streamingCallerFor(actor: Actor | null, controller: AbortController) {
  return createCaller({ db: getDb(), actor, ip: `test-${actor?.id ?? 'anon'}` }, { signal: controller.signal });
}

/**
 * Reads an async iterable in the background into `items`, so a test can wait for what it expects
 * and then look at exactly what arrived (nothing more, nothing twice).
 */
export class StreamReader<T> {
  readonly items: T[] = [];
  error: unknown = null;
  isDone = false;
  private waiters: (() => void)[] = [];
  private readonly iterator: AsyncIterator<T>;

  constructor(iterable: AsyncIterable<T>) {
    this.iterator = iterable[Symbol.asyncIterator]();
    void this.pump();
  }

  private async pump() {
    try {
      for (;;) {
        const result = await this.iterator.next();
        if (result.done) break;
        this.items.push(result.value);
        this.flush();
      }
    } catch (error) {
      this.error = error;
    }
    this.isDone = true;
    this.flush();
  }

  private flush() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Waits until `predicate` holds (checked after every item), the stream ends, or the timeout. */
  async waitFor(predicate: (items: T[]) => boolean, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.items)) {
      if (this.isDone) throw new Error(`stream ended before the condition held (${this.items.length} items; error: ${String(this.error)})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for the stream (${this.items.length} items)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.items;
  }

  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isDone) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the stream to end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await this.iterator.return?.();
  }
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
