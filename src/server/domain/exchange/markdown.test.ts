import { describe, expect, it } from 'vitest';

import { validateMapDocument } from '@/shared/map-document';

import { escapeMarkdownInline, exportMarkdown } from './markdown';
import { sampleMap } from './test-fixtures';

describe('exportMarkdown', () => {
  const md = exportMarkdown(sampleMap());
  const lines = md.split('\n');

  it('starts with the title and description', () => {
    expect(lines[0]).toBe('# Should cities ban cars from their centres?');
    expect(md).toContain('A worked example.  \nSecond line of the description.');
  });

  it('writes an outline from the root down with Pro/Con bullets', () => {
    expect(md).toContain('## Cities should ban cars from their centres.');
    expect(lines).toContain('- **Pro:** Fewer cars mean cleaner air.');
    expect(lines).toContain('  - **Con:** Electric cars do not pollute the air locally.');
    expect(lines).toContain('    - **Con:** Tyre and brake wear still produce particulates (PM2.5), e.g. from heavy SUVs.');
    expect(lines).toContain('- **Con:** Deliveries and emergency services need access.');
    // escaped so it renders as written
    expect(md).toContain('Bans can exempt deliveries & ambulances: see the "Ghent model" \\[1\\].');
  });

  it('marks claims that were already written', () => {
    expect(md).toMatch(/- \*\*(Pro|Con):\*\* (Pedestrian zones increase footfall\.|Shops will lose trade\.) \*\(see above\)\*/);
    expect(md.match(/Pedestrian zones increase footfall\./g)).toHaveLength(2);
  });

  it('quotes evidence under its claim with footnotes, and lists sources at the end', () => {
    const i = lines.indexOf('  - **Pro (evidence):**');
    expect(i).toBeGreaterThan(-1);
    expect(lines[i + 1]).toBe('    > nitrogen dioxide levels fell by 40%[^1]');
    expect(lines[i + 2]).toBe('');
    expect(lines[i + 3]).toBe('    *Note:* Measured at 12 stations.');
    expect(md).toContain('> Shops reported no loss of trade.[^1]');
    expect(md).toContain('## Unlinked evidence');
    expect(md).toContain('  > Air pollution in city centres[^1]');
    expect(md).toContain(
      '[^1]: **Low-emission zones: a 2019 study** — A. Researcher, Journal of Urban Air, 2019-06-01. <https://example.org/lez-2019>',
    );
    expect(md).toContain('[^2]: **Uncited report**.');
  });

  it('cannot be broken by claim text', () => {
    const doc = validateMapDocument({
      ...sampleMap(),
      claims: [{ id: 'x', text: '# not a heading\n- not a list\n<script>alert(1)</script> [link](javascript:x) *em*', x: null, y: null }],
      links: [],
      evidence: [],
    });
    const out = exportMarkdown(doc);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('[link](');
    expect(out).toContain('\\<script\\>');
    expect(escapeMarkdownInline('a*b_c`d')).toBe('a\\*b\\_c\\`d');
  });
});
