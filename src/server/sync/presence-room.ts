import { z } from 'zod';

/** Presence travels on its own NOTIFY channel: ephemeral, never written to a table. */
export const PRESENCE_CHANNEL = 'crux_presence';

/** A peer that has not sent a heartbeat for this long is gone (the client beats every 10 s). */
export const PRESENCE_TTL_MS = 30_000;

const SWEEP_INTERVAL_MS = 2_000;

const ZPresenceMessage = z.object({
  kind: z.enum(['state', 'leave']),
  mapId: z.string().max(64),
  userId: z.string().max(64),
  clientId: z.string().max(64),
  name: z.string().max(120),
  selectedNodeId: z.string().max(64).nullable(),
  editingNodeId: z.string().max(64).nullable(),
  at: z.number(),
});

/** One NOTIFY on the presence channel (kept far below Postgres' 8000-byte payload limit). */
export type PresenceMessage = z.infer<typeof ZPresenceMessage>;

export function parsePresenceMessage(payload: string): PresenceMessage | null {
  try {
    const parsed = ZPresenceMessage.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface PresenceEntry {
  userId: string;
  clientId: string;
  name: string;
  selectedNodeId: string | null;
  editingNodeId: string | null;
  /** When this process last heard from the client (local clock: instances' clocks may differ). */
  seenAt: number;
}

/**
 * An entry is keyed by user and client together: a client id is chosen by the browser (one per tab)
 * and anyone can send any value, so only the user who published a client's presence can update or
 * withdraw it (the server stamps `userId` from the session, never from input).
 */
export function presenceKey(message: { userId: string; clientId: string }): string {
  return `${message.userId}\u0000${message.clientId}`;
}

/**
 * The peers of one map as this process knows them from the presence channel, while at least one
 * local subscriber watches the map. Entries expire without a heartbeat; a `leave` removes one.
 */
export class PresenceRoom {
  private readonly entries = new Map<string, PresenceEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    readonly mapId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref?.();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  add(listener: () => void): void {
    this.listeners.add(listener);
  }

  remove(listener: () => void): void {
    this.listeners.delete(listener);
  }

  receive(message: PresenceMessage): void {
    const key = presenceKey(message);
    if (message.kind === 'leave') {
      if (this.entries.delete(key)) this.emit();
      return;
    }
    const previous = this.entries.get(key);
    this.entries.set(key, {
      userId: message.userId,
      clientId: message.clientId,
      name: message.name,
      selectedNodeId: message.selectedNodeId,
      editingNodeId: message.editingNodeId,
      seenAt: this.now(),
    });
    const isChanged =
      !previous ||
      previous.name !== message.name ||
      previous.selectedNodeId !== message.selectedNodeId ||
      previous.editingNodeId !== message.editingNodeId;
    if (isChanged) this.emit();
  }

  /** Live entries, newest first. */
  list(): PresenceEntry[] {
    return [...this.entries.values()].sort((a, b) => b.seenAt - a.seenAt);
  }

  sweep(): void {
    const cutoff = this.now() - PRESENCE_TTL_MS;
    let isChanged = false;
    for (const [key, entry] of this.entries) {
      if (entry.seenAt < cutoff) {
        this.entries.delete(key);
        isChanged = true;
      }
    }
    if (isChanged) this.emit();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
