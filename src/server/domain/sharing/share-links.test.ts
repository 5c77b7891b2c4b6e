import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJoinCode, isWellFormedJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from '@/shared/schemas/share';
import { csvCell } from '@/server/domain/members/export-participation';
import { generateJoinCode, generateShareToken } from './generate-share-secrets';
import { shareLinkStatus } from './share-link-status';

const codeArbitrary = fc.string({ unit: fc.constantFrom(...JOIN_CODE_ALPHABET), minLength: 6, maxLength: 6 });

describe('join codes', () => {
  it('are six characters of the unambiguous alphabet, and tokens carry 256 bits', () => {
    for (let index = 0; index < 200; index += 1) expect(isWellFormedJoinCode(generateJoinCode())).toBe(true);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(Buffer.from(generateShareToken(), 'base64url')).toHaveLength(32);
  });

  it('survive however they are typed: case, spaces, dashes', () => {
    fc.assert(
      fc.property(codeArbitrary, fc.boolean(), fc.constantFrom('', ' ', '-', ' - '), (code, lower, separator) => {
        const typed = `${code.slice(0, 3)}${separator}${code.slice(3)}`;
        expect(normalizeJoinCode(lower ? typed.toLowerCase() : typed)).toBe(code);
        expect(normalizeJoinCode(formatJoinCode(code))).toBe(code);
      }),
    );
    expect(isWellFormedJoinCode(normalizeJoinCode('O0I-1LX'))).toBe(false);
  });
});

describe('share link status', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const base = { expiresAt: null, revokedAt: null, maxUses: null, useCount: 0 };
  it('names the first reason a link stops working', () => {
    expect(shareLinkStatus(base, 'link', now)).toBe('active');
    expect(shareLinkStatus(base, 'public', now)).toBe('active');
    expect(shareLinkStatus(base, 'private', now)).toBe('paused');
    expect(shareLinkStatus({ ...base, expiresAt: new Date('2026-01-01T11:59:59Z') }, 'link', now)).toBe('expired');
    expect(shareLinkStatus({ ...base, expiresAt: new Date('2026-01-01T12:00:01Z') }, 'link', now)).toBe('active');
    expect(shareLinkStatus({ ...base, maxUses: 3, useCount: 3 }, 'link', now)).toBe('used_up');
    expect(shareLinkStatus({ ...base, maxUses: 3, useCount: 2 }, 'link', now)).toBe('active');
    expect(shareLinkStatus({ ...base, revokedAt: now, maxUses: 1, useCount: 1 }, 'private', now)).toBe('revoked');
  });
});

describe('participation CSV cells', () => {
  it('quote separators and defuse formulas', () => {
    expect(csvCell('Ada')).toBe('Ada');
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
  });
});
