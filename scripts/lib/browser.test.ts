import { describe, expect, it } from 'vitest';
import { isDebianLike, planBrowser, type BrowserMachine } from './browser';

const bare: BrowserMachine = { systemChromium: null, hasPlaywrightBrowser: false, isRoot: false, hasAptGet: false, isDebianLike: false };

describe('planBrowser', () => {
  it('uses a system Chromium when there is one, before anything else', () => {
    expect(planBrowser({ ...bare, systemChromium: '/usr/bin/chromium', hasPlaywrightBrowser: true })).toEqual({
      kind: 'use-system',
      path: '/usr/bin/chromium',
    });
  });

  it("uses Playwright's own browser when it is installed", () => {
    expect(planBrowser({ ...bare, hasPlaywrightBrowser: true, isRoot: true, hasAptGet: true, isDebianLike: true })).toEqual({
      kind: 'use-playwright',
    });
  });

  it('installs Debian chromium first as root on Debian with apt-get, then falls back to playwright install', () => {
    expect(planBrowser({ ...bare, isRoot: true, hasAptGet: true, isDebianLike: true })).toEqual({
      kind: 'install',
      steps: ['apt-get', 'playwright-install'],
    });
  });

  it('does not try apt-get without root, without apt-get, or off Debian', () => {
    for (const machine of [
      { ...bare, hasAptGet: true, isDebianLike: true },
      { ...bare, isRoot: true, isDebianLike: true },
      { ...bare, isRoot: true, hasAptGet: true },
    ]) {
      expect(planBrowser(machine)).toEqual({ kind: 'install', steps: ['playwright-install'] });
    }
  });
});

describe('isDebianLike', () => {
  it('reads ID and ID_LIKE from os-release', () => {
    expect(isDebianLike('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n', false)).toBe(true);
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n', false)).toBe(true);
    expect(isDebianLike('ID=fedora\nID_LIKE="rhel centos"\n', false)).toBe(false);
    expect(isDebianLike('', true)).toBe(true);
  });
});
