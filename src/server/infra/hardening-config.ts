/**
 * The environment settings the request-hardening code reads, parsed once here (and nowhere else) so a
 * wrong value stops the server with a message naming the variable. To be folded into the zod-parsed env.
 */
export interface HardeningConfig {
  /** CRUX_TRUST_PROXY: reverse-proxy hops in front of the app whose X-Forwarded-For entries are believed (0: none). */
  trustProxyHops: number;
  /** CRUX_RATE_LIMIT_MULTIPLIER: every rate limit times this (tests relax them; never below 1 point). */
  rateLimitMultiplier: number;
  /** CRUX_EMBEDDED_PG_FSYNC: `off` only for throwaway test and benchmark databases. */
  embeddedPostgresFsync: boolean;
  /** NEXTAUTH_URL is https: browsers are told to use https only (HSTS). */
  isHttps: boolean;
}

export class ConfigError extends Error {}

export function parseTrustProxy(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '' || raw === 'false') return 0;
  const value = raw.trim() === 'true' ? 1 : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 10) {
    throw new ConfigError(`CRUX_TRUST_PROXY must be the number of reverse-proxy hops in front of Crux (0-10), not ${JSON.stringify(raw)}.`);
  }
  return value;
}

export function parseHardeningConfig(env: Record<string, string | undefined>): HardeningConfig {
  const multiplier = Number(env.CRUX_RATE_LIMIT_MULTIPLIER ?? '1');
  return {
    trustProxyHops: parseTrustProxy(env.CRUX_TRUST_PROXY),
    rateLimitMultiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : 1,
    embeddedPostgresFsync: (env.CRUX_EMBEDDED_PG_FSYNC ?? 'on').toLowerCase() !== 'off',
    isHttps: (env.NEXTAUTH_URL ?? '').toLowerCase().startsWith('https://'),
  };
}

let cached: HardeningConfig | null = null;

export function hardeningConfig(): HardeningConfig {
  cached ??= parseHardeningConfig(process.env);
  return cached;
}
