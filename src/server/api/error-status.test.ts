import { describe, expect, it } from 'vitest';
import { DomainError } from '@/server/domain/errors';
import { httpErrorResponse, httpStatusOf } from './error-status';

describe('error-to-HTTP map', () => {
  it('answers each domain refusal with the status a client expects', () => {
    expect({
      NOT_FOUND: httpStatusOf('NOT_FOUND'),
      FORBIDDEN: httpStatusOf('FORBIDDEN'),
      UNAUTHORIZED: httpStatusOf('UNAUTHORIZED'),
      CONFLICT: httpStatusOf('CONFLICT'),
      INVALID: httpStatusOf('INVALID'),
      LIMIT: httpStatusOf('LIMIT'),
    }).toEqual({ NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401, CONFLICT: 409, INVALID: 400, LIMIT: 429 });
  });

  it('carries a limit’s retry time, and hides an unexpected error behind a reference', async () => {
    const limited = httpErrorResponse(new DomainError('LIMIT', 'Slow down.', { retryAfterSeconds: 7 }), 'testing');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('7');
    expect(await limited.json()).toEqual({ error: 'Slow down.' });

    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const crashed = httpErrorResponse(new Error('relation "secret_table" does not exist'), 'testing');
      expect(crashed.status).toBe(500);
      const body = (await crashed.json()) as { error: string };
      expect(body.error).toMatch(/^Something went wrong \(reference [0-9A-F]{8}\)\.$/);
      expect(body.error).not.toContain('secret_table');
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
