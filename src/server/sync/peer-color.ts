import crypto from 'node:crypto';

/**
 * A person's colour on a map, the same on every instance and every visit: a hue from a hash of
 * their id, at a lightness that stays readable on white with white text on it.
 */
export function peerColor(seed: string): string {
  const digest = crypto.createHash('sha256').update(seed).digest();
  const hue = ((digest[0]! << 8) | digest[1]!) % 360;
  return `hsl(${hue} 70% 40%)`;
}

/** A stable stand-in for a user id on an anonymous map (per map, so maps cannot be linked). */
export function pseudonymOf(mapId: string, userId: string): string {
  return `anon-${crypto.createHash('sha256').update(`${mapId}:${userId}`).digest('hex').slice(0, 10)}`;
}
