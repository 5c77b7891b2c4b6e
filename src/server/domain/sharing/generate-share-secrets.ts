import crypto from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@/shared/schemas/share';

/** 32 random bytes (256 bits), base64url: unguessable, and safe in a URL path. */
export function generateShareToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Six characters from the unambiguous alphabet, uniformly (crypto.randomInt has no modulo bias). */
export function generateJoinCode(): string {
  let code = '';
  for (let index = 0; index < JOIN_CODE_LENGTH; index += 1) code += JOIN_CODE_ALPHABET[crypto.randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}
