import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises an overloaded, stalled or restarting database however the error is wrapped', () => {
    expect(isDatabaseUnavailable({ code: 'P2028', message: 'Unable to start a transaction in the given time.' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    const quoted = 'Database error. Code: `57P03`. Message: `the database system is not yet accepting connections`';
    expect(isDatabaseUnavailable({ code: 'P2039', message: quoted })).toBe(true);
    const wrapped = { message: 'wrapped', meta: { driverAdapterError: { cause: { originalCode: '57014' } } } };
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(
      isDatabaseUnavailable({ message: 'outer', cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' } }),
    ).toBe(true);
  });

  it('leaves real bugs and bad input alone', () => {
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002', message: 'Unique constraint failed' })).toBe(false);
    expect(isDatabaseUnavailable({ message: 'Database error. Code: `22021`. Message: `invalid byte sequence`' })).toBe(false);
  });
});
