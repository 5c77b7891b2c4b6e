import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import ELK from 'elkjs/lib/elk.bundled.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MapView } from '@/server/domain/maps/get-map';
import { DEMO_CLAIMS, DEMO_EVIDENCE, DEMO_MAP, DEMO_SOURCES } from '../../../prisma/seed/demo-content';
import { computeLayout } from '../map/layout';
import { claim, evidence, link, mapView } from '../map/test-map';
import { buildMapSvg, wrapText, xmlText, type NodePlacement } from './map-svg';

/** The seeded demo map as the client holds it. */
function demoMap(): MapView {
  const claims = DEMO_CLAIMS.map((c) => claim(c.key, c.text));
  const links = DEMO_CLAIMS.flatMap((c) => (c.parentKey && c.relation ? [link(c.key, c.parentKey, c.relation)] : []));
  const items = DEMO_EVIDENCE.map((e, i) => ({ ...evidence(`e${i}`, e.sourceFile), exact: e.exact }));
  const evidenceLinks = DEMO_EVIDENCE.map((e, i) => link(`e${i}`, e.claimKey, e.relation));
  const view = mapView({ claims, links: [...links, ...evidenceLinks], evidence: items });
  view.map.title = DEMO_MAP.title;
  view.sources = DEMO_SOURCES.map((s) => ({
    id: s.file,
    title: s.title,
    author: s.author,
    publisher: s.publisher,
    url: s.url,
    publishedAt: null,
    textLength: 1,
    evidenceCount: 1,
  }));
  return view;
}

async function layoutOf(map: MapView): Promise<Map<string, NodePlacement>> {
  const moves = await computeLayout(new ELK(), map);
  return new Map(moves.map((m) => [m.id, { x: m.x, y: m.y }]));
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('buildMapSvg on the demo map', () => {
  let drawing: ReturnType<typeof buildMapSvg>;
  beforeAll(async () => {
    const map = demoMap();
    drawing = buildMapSvg(map, await layoutOf(map));
  }, 60_000);

  it('is native SVG: a <text> for every claim, the title, no foreignObject, under 200 KB', () => {
    const { svg } = drawing;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/foreignObject|<style|<script|class=/);
    expect(Buffer.byteLength(svg)).toBeLessThan(200 * 1024);
    // the title is drawn (and named for screen readers)
    expect(svg).toContain(`<title>${xmlText(DEMO_MAP.title)}</title>`);
    expect(svg).toContain(`>${xmlText(wrapText(DEMO_MAP.title, 10_000, 22)[0] ?? '')}</tspan>`);
    // one <text> per claim, per passage, per +/− badge, and the title
    const boxes = count(svg, /<rect [^>]*rx="8"/g);
    expect(boxes).toBe(DEMO_CLAIMS.length + DEMO_EVIDENCE.length);
    const links = DEMO_CLAIMS.filter((c) => c.parentKey).length + DEMO_EVIDENCE.length;
    expect(count(svg, /<text /g)).toBe(1 + DEMO_CLAIMS.length + 2 * DEMO_EVIDENCE.length + links);
    expect(count(svg, /stroke-dasharray/g)).toBe(
      DEMO_CLAIMS.filter((c) => c.relation === 'oppose').length + DEMO_EVIDENCE.filter((e) => e.relation === 'oppose').length,
    );
    // each claim's opening words appear as text
    for (const c of DEMO_CLAIMS) expect(svg).toContain(xmlText(c.text.split(' ').slice(0, 2).join(' ')));
    expect(count(svg, />\+<\/text>/g) + count(svg, />−<\/text>/g)).toBe(links);
  });

  it('parses as XML and renders (resvg) to a PNG whose size is the drawing’s', { timeout: 60_000 }, () => {
    const { svg, width, height } = drawing;
    const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
    expect([resvg.width, resvg.height]).toEqual([width, height]);
    const png = resvg.render().asPng();
    if (process.env.CRUX_SVG_PREVIEW) {
      writeFileSync(process.env.CRUX_SVG_PREVIEW, png);
      writeFileSync(`${process.env.CRUX_SVG_PREVIEW}.svg`, svg);
    }
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
    expect(width).toBeGreaterThan(1000);
    // malformed XML is refused by the same parser, so the check above can fail
    expect(() => new Resvg(svg.replace('</svg>', ''))).toThrow();
  });
});

describe('wrapText and xmlText', () => {
  it('wraps at word boundaries within the width, breaks long words, and caps the lines', () => {
    const lines = wrapText('Cyber sovereignty is a legitimate principle for governing the internet', 150, 13);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Cyber sovereignty is a legitimate principle for governing the internet');
    expect(wrapText('x'.repeat(200), 100, 13).every((l) => l.length < 200)).toBe(true);
    const capped = wrapText('word '.repeat(500), 100, 13, 3);
    expect(capped).toHaveLength(3);
    expect(capped[2]?.endsWith('…')).toBe(true);
    expect(wrapText('first\nsecond', 500, 13)).toEqual(['first', 'second']);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('a < b & "c" \u0001')).toBe('a &lt; b &amp; &quot;c&quot; ');
  });
});
