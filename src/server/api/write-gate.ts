/**
 * At most a few writes of one user run at once in this process; the rest wait their turn, briefly.
 * One account's burst (a batch of hundreds of calls, many tabs) then occupies at most
 * MAX_RUNNING database connections of the pool, and everyone else's writes still get theirs.
 */
export const MAX_RUNNING_WRITES_PER_USER = 3;
/** Beyond this many waiting, a write is refused at once (429) rather than queued. */
export const MAX_WAITING_WRITES_PER_USER = 300;
/** A write that cannot start within this is refused (503, try again). */
export const MAX_WAIT_MS = 15_000;

interface Lane {
  running: number;
  waiting: (() => void)[];
}

const lanes = new Map<string, Lane>();

export class WriteGateRefusal extends Error {
  constructor(
    readonly reason: 'busy' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** Waits for a write slot of `userId`; call the returned function when the write is done. */
export async function acquireWriteSlot(userId: string, signal?: AbortSignal): Promise<() => void> {
  let lane = lanes.get(userId);
  if (!lane) {
    lane = { running: 0, waiting: [] };
    lanes.set(userId, lane);
  }
  const current = lane;
  if (current.running >= MAX_RUNNING_WRITES_PER_USER) {
    if (current.waiting.length >= MAX_WAITING_WRITES_PER_USER) {
      throw new WriteGateRefusal('busy', 'Too many changes at once from your account; wait for them to finish.');
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const drop = () => {
        const index = current.waiting.indexOf(wake);
        if (index >= 0) current.waiting.splice(index, 1);
      };
      const onAbort = () => {
        drop();
        clearTimeout(timer);
        reject(new WriteGateRefusal('timeout', 'The request was cancelled.'));
      };
      const timer = setTimeout(() => {
        drop();
        signal?.removeEventListener('abort', onAbort);
        reject(new WriteGateRefusal('timeout', 'Your changes are queued behind many others; try again in a few seconds.'));
      }, MAX_WAIT_MS);
      signal?.addEventListener('abort', onAbort, { once: true });
      current.waiting.push(wake);
    });
  } else {
    current.running += 1;
  }
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const next = current.waiting.shift();
    // The slot passes straight to the next waiter; `running` only drops when nobody waits.
    if (next) next();
    else {
      current.running -= 1;
      if (current.running === 0 && lanes.get(userId) === current) lanes.delete(userId);
    }
  };
}

export function runningWrites(userId: string): number {
  return lanes.get(userId)?.running ?? 0;
}
