import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CLAIMS, DEMO_EVIDENCE, DEMO_MAP, DEMO_SOURCES, DEMO_VOTERS, DEMO_VOTES } from './demo-content';

interface SourceMeta {
  file: string;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number;
  date?: string;
}

function readSource(file: string): string {
  return fs.readFileSync(new URL(`./sources/${file}`, import.meta.url), 'utf8');
}

const SOURCES_META = (
  JSON.parse(fs.readFileSync(new URL('./sources/sources.json', import.meta.url), 'utf8')) as {
    sources: SourceMeta[];
  }
).sources;

/** Start offsets of every (possibly overlapping) occurrence of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const starts: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) starts.push(i);
  return starts;
}

function duplicates(values: string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

const claimKeys = new Set(DEMO_CLAIMS.map((c) => c.key));
const evidenceKeys = new Set(DEMO_EVIDENCE.map((e) => e.key));
const voterKeys = new Set(DEMO_VOTERS.map((v) => v.key));
const sourceFiles = new Set(DEMO_SOURCES.map((s) => s.file));

describe('demo map', () => {
  it('has the agreed title and a short description', () => {
    expect(DEMO_MAP.title).toBe('Is cyber sovereignty a legitimate principle for governing the internet?');
    expect(DEMO_MAP.description.length).toBeGreaterThan(40);
    expect(DEMO_MAP.description.length).toBeLessThan(400);
  });
});

describe('demo sources', () => {
  it('lists the five files with the metadata from sources.json', () => {
    expect(DEMO_SOURCES).toHaveLength(5);
    expect([...sourceFiles].sort()).toEqual(SOURCES_META.map((m) => m.file).sort());
    for (const meta of SOURCES_META) {
      const source = DEMO_SOURCES.find((s) => s.file === meta.file)!;
      expect(source.title).toBe(meta.title);
      expect(source.author).toBe(meta.author);
      expect(source.publisher).toBe(meta.publisher);
      expect(source.publishedAt).toBe(meta.date ?? `${meta.year}-01-01`);
      expect(source.url).toBeNull();
      expect(readSource(source.file).length).toBeGreaterThan(1000);
    }
  });
});

describe('demo claims', () => {
  it('has no duplicate keys, here or shared with evidence', () => {
    expect(duplicates(DEMO_CLAIMS.map((c) => c.key))).toEqual([]);
    expect(duplicates(DEMO_EVIDENCE.map((e) => e.key))).toEqual([]);
    expect(duplicates(DEMO_VOTERS.map((v) => v.key))).toEqual([]);
    expect([...claimKeys].filter((k) => evidenceKeys.has(k))).toEqual([]);
  });

  it('has exactly one thesis, phrased as the map title', () => {
    const theses = DEMO_CLAIMS.filter((c) => c.parentKey === undefined);
    expect(theses).toHaveLength(1);
    expect(theses[0]!.text).toBe('Cyber sovereignty is a legitimate principle for governing the internet');
    expect(theses[0]!.relation).toBeUndefined();
  });

  it('forms a tree: every other claim names an earlier parent and a relation', () => {
    const seen = new Set<string>();
    for (const claim of DEMO_CLAIMS) {
      if (claim.parentKey !== undefined) {
        expect(seen.has(claim.parentKey), `${claim.key} -> ${claim.parentKey}`).toBe(true);
        expect(['support', 'oppose']).toContain(claim.relation);
      }
      seen.add(claim.key);
    }
  });

  it('is at least 14 claims, some three levels below the thesis, with crisp texts', () => {
    expect(DEMO_CLAIMS.length).toBeGreaterThanOrEqual(14);
    const parentOf = new Map(DEMO_CLAIMS.map((c) => [c.key, c.parentKey]));
    const depth = (key: string): number => {
      const parent = parentOf.get(key);
      return parent === undefined ? 0 : 1 + depth(parent);
    };
    expect(Math.max(...DEMO_CLAIMS.map((c) => depth(c.key)))).toBeGreaterThanOrEqual(2);
    for (const claim of DEMO_CLAIMS) {
      expect(claim.text.trim()).toBe(claim.text);
      expect(claim.text.length, claim.key).toBeLessThanOrEqual(160);
    }
  });

  it('includes the GDPR and censorship arguments, each with a rebuttal', () => {
    const thesis = DEMO_CLAIMS.find((c) => c.parentKey === undefined)!;
    const gdpr = DEMO_CLAIMS.find((c) => c.text === 'Cyber sovereignty mirrors GDPR');
    const censorship = DEMO_CLAIMS.find((c) => c.text === 'Sovereignty claims mask censorship');
    expect(gdpr).toMatchObject({ parentKey: thesis.key, relation: 'support' });
    expect(censorship).toMatchObject({ parentKey: thesis.key, relation: 'oppose' });
    expect(DEMO_CLAIMS.some((c) => c.parentKey === gdpr!.key && c.relation === 'oppose')).toBe(true);
    expect(DEMO_CLAIMS.some((c) => c.parentKey === censorship!.key && c.relation === 'oppose')).toBe(true);
  });
});

describe('demo evidence', () => {
  it('quotes every passage verbatim from its source, at the given occurrence', () => {
    for (const item of DEMO_EVIDENCE) {
      expect(sourceFiles.has(item.sourceFile), item.key).toBe(true);
      const text = readSource(item.sourceFile);
      const starts = occurrences(text, item.exact);
      const occurrence = item.occurrence ?? 0;
      expect(starts.length, `${item.key} not found verbatim in ${item.sourceFile}`).toBeGreaterThan(occurrence);
      // A repeated passage must say which occurrence it means.
      if (starts.length > 1) expect(item.occurrence, `${item.key} occurs ${starts.length} times`).toBeDefined();
      // Also found after the seed's normalisation (NFC, \n line ends).
      expect(text.normalize('NFC').replace(/\r\n?/g, '\n').includes(item.exact)).toBe(true);
    }
  });

  it('uses passages of 60–300 characters on one line, without stray edge whitespace', () => {
    for (const item of DEMO_EVIDENCE) {
      expect(item.exact.length, item.key).toBeGreaterThanOrEqual(60);
      expect(item.exact.length, item.key).toBeLessThanOrEqual(300);
      expect(item.exact.trim(), item.key).toBe(item.exact);
      expect(item.exact, item.key).not.toContain('\n');
    }
  });

  it('links every passage to an existing claim', () => {
    for (const item of DEMO_EVIDENCE) {
      expect(claimKeys.has(item.claimKey), `${item.key} -> ${item.claimKey}`).toBe(true);
      expect(['support', 'oppose']).toContain(item.relation);
    }
  });

  it('covers all five sources, at least twice each, with at least 18 passages', () => {
    expect(DEMO_EVIDENCE.length).toBeGreaterThanOrEqual(18);
    for (const source of DEMO_SOURCES) {
      expect(DEMO_EVIDENCE.filter((e) => e.sourceFile === source.file).length, source.file).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the sources’ typography: some passages carry curly quotes or apostrophes', () => {
    expect(DEMO_EVIDENCE.some((e) => /[‘’“”]/.test(e.exact))).toBe(true);
    expect(DEMO_EVIDENCE.some((e) => e.sourceFile === 'community-shared-future-cyberspace.txt')).toBe(true);
  });
});

describe('demo voters and votes', () => {
  it('has six demo voters', () => {
    expect(DEMO_VOTERS).toHaveLength(6);
    for (const voter of DEMO_VOTERS) expect(voter.displayName).toMatch(/^\S+ \(demo\)$/);
  });

  it('resolves every vote to a voter and to a claim or evidence, with a value 0–4', () => {
    for (const vote of DEMO_VOTES) {
      expect(voterKeys.has(vote.voterKey), vote.voterKey).toBe(true);
      expect(claimKeys.has(vote.targetKey) || evidenceKeys.has(vote.targetKey), vote.targetKey).toBe(true);
      expect([0, 1, 2, 3, 4]).toContain(vote.value);
    }
  });

  it('has at most one vote per voter and target', () => {
    expect(duplicates(DEMO_VOTES.map((v) => `${v.voterKey} ${v.targetKey}`))).toEqual([]);
  });

  it('gives every claim and about half the evidence 3–6 votes', () => {
    const count = (key: string) => DEMO_VOTES.filter((v) => v.targetKey === key).length;
    for (const claim of DEMO_CLAIMS) {
      expect(count(claim.key), claim.key).toBeGreaterThanOrEqual(3);
      expect(count(claim.key), claim.key).toBeLessThanOrEqual(6);
    }
    const votedEvidence = DEMO_EVIDENCE.filter((e) => count(e.key) > 0);
    for (const item of votedEvidence) expect(count(item.key), item.key).toBeGreaterThanOrEqual(3);
    expect(votedEvidence.length).toBeGreaterThanOrEqual(Math.floor(DEMO_EVIDENCE.length * 0.4));
    expect(votedEvidence.length).toBeLessThanOrEqual(Math.ceil(DEMO_EVIDENCE.length * 0.7));
  });

  it('makes the debate interesting: censorship rated strong, the GDPR analogy middling', () => {
    const mean = (text: string) => {
      const key = DEMO_CLAIMS.find((c) => c.text === text)!.key;
      const values = DEMO_VOTES.filter((v) => v.targetKey === key).map((v): number => v.value);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean('Sovereignty claims mask censorship')).toBeGreaterThanOrEqual(3);
    expect(mean('Cyber sovereignty mirrors GDPR')).toBeGreaterThan(1);
    expect(mean('Cyber sovereignty mirrors GDPR')).toBeLessThan(3);
  });
});
