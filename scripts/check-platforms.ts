/**
 * `npm run check:platforms`: fails when `npm install` would break on a platform Crux supports
 * (macOS arm64/x64, Linux x64/arm64, Windows x64), or would warn that a package needs a newer Node. `npm test` runs it first.
 */
import fs from 'node:fs';
import {
  checkEngines,
  checkPlatform,
  platformName,
  PROMISED_PLATFORMS,
  SUPPORTED_NODE_VERSIONS,
  type Lockfile,
  type PackageJson,
} from './lib/platforms';

const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as PackageJson;
const lockfile = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as Lockfile;
let failed = false;
for (const platform of PROMISED_PLATFORMS) {
  const problems = checkPlatform(platform, packageJson, lockfile);
  failed ||= problems.length > 0;
  console.log(problems.length ? problems.map((problem) => `✗ ${problem}`).join('\n') : `✓ ${platformName(platform)}`);
}
const engineProblems = checkEngines(lockfile, SUPPORTED_NODE_VERSIONS);
failed ||= engineProblems.length > 0;
console.log(
  engineProblems.length
    ? engineProblems.map((problem) => `✗ engines: ${problem}`).join('\n')
    : `✓ engines: every locked package runs on Node ${SUPPORTED_NODE_VERSIONS.join(' and ')}`,
);
if (failed) {
  console.error('check:platforms: npm install would fail on the platforms above.');
  process.exit(1);
}
