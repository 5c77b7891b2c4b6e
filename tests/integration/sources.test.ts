import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_TEXT_MAX_BYTES } from '@/shared/schemas/source';
import { callerFor, createMapWith, createUser, db } from './helpers';

async function setup(options: { visibility?: 'private' | 'link' | 'public' } = {}) {
  const owner = await createUser();
  const editor = await createUser();
  const voter = await createUser();
  const viewer = await createUser();
  const outsider = await createUser();
  const map = await createMapWith(
    owner,
    [
      { actor: editor, role: 'editor' },
      { actor: voter, role: 'voter' },
      { actor: viewer, role: 'viewer' },
    ],
    options,
  );
  return { owner, editor, voter, viewer, outsider, map };
}

const ARTICLE = [
  'Cyber sovereignty is the idea that each state governs the internet within its borders.',
  '',
  'Critics say the principle is a banner for censorship and surveillance.',
  '',
  'Supporters compare it to data-protection rules such as the GDPR.',
].join('\n');

async function eventTypes(mapId: string) {
  const events = await db().mapEvent.findMany({ where: { mapId }, orderBy: { seq: 'asc' }, select: { type: true } });
  return events.map((event) => event.type);
}

describe('source library', () => {
  it('adds pasted text with metadata; viewers list and read it, the text normalised (NFC, \\n)', async () => {
    const { editor, viewer, map } = await setup();
    const pasted = 'Cafe\u0301 culture\r\nand “quotes”\r\n\r\nSecond paragraph.';
    const { source, seq } = await callerFor(editor).source.create({
      mapId: map.id,
      title: '  A café article  ',
      author: 'Ada',
      publisher: '',
      url: 'https://example.test/article',
      publishedAt: '2015-09-22',
      text: pasted,
    });
    expect(source).toMatchObject({
      title: 'A café article',
      author: 'Ada',
      publisher: null,
      url: 'https://example.test/article',
      evidenceCount: 0,
    });
    expect(source.publishedAt?.toISOString()).toBe('2015-09-22T00:00:00.000Z');
    expect(seq).toBe(2);
    expect(await eventTypes(map.id)).toEqual(['map.created', 'source.created']);

    const list = await callerFor(viewer).source.list({ mapId: map.id });
    expect(list.map((item) => item.title)).toEqual(['A café article']);
    expect(list[0]).not.toHaveProperty('text');
    const { source: full, evidence } = await callerFor(viewer).source.get({ id: source.id });
    expect(full.text).toBe('Café culture\nand “quotes”\n\nSecond paragraph.');
    expect(full.textLength).toBe(full.text.length);
    expect(evidence).toEqual([]);
    // map.get lists it without the text.
    const view = await callerFor(viewer).map.get({ mapId: map.id });
    expect(view.sources).toMatchObject([{ id: source.id, title: 'A café article', evidenceCount: 0 }]);
  });

  it('reads uploaded .txt, .md and .html files; HTML is reduced to readable paragraphs without scripts or markup', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const file = fs.readFileSync(path.join('prisma', 'seed', 'sources', 'information-vs-cyber-security.txt'), 'utf8');
    const txt = await api.source.create({ mapId: map.id, title: 'Segal', file: { fileName: 'segal.txt', kind: 'txt', content: file } });
    expect((await api.source.get({ id: txt.source.id })).source.text).toBe(file.normalize('NFC').replace(/\r\n?/g, '\n'));

    const md = await api.source.create({
      mapId: map.id,
      title: 'Notes',
      file: { fileName: 'notes.md', kind: 'md', content: '# Notes\n\n- one *two*\n' },
    });
    expect((await api.source.get({ id: md.source.id })).source.text).toBe('# Notes\n\n- one *two*\n');

    const html = `<!doctype html><html><head><title>Page</title><style>body { color: red }</style>
      <script>document.write('evil')</script></head><body>
      <nav><a href="/">Home</a> | <a href="/about">About</a></nav>
      <article><h1>Internet   sovereignty</h1>
      <p onclick="steal()">First paragraph &amp; an <a href="javascript:alert(1)">inline link</a>,
        with “curly quotes”.</p>
      <p>Second<br>line <img src="x" onerror="alert(1)">two</p>
      <ul><li>alpha</li><li>beta</li></ul>
      <noscript>Enable JavaScript</noscript></article><footer>© Site footer</footer></body></html>`;
    const page = await api.source.create({ mapId: map.id, title: 'Page', file: { fileName: 'page.html', kind: 'html', content: html } });
    const { source } = await api.source.get({ id: page.source.id });
    expect(source.text).toBe(
      'Internet sovereignty\n\nFirst paragraph & an inline link, with “curly quotes”.\n\nSecond\nline two\n\n• alpha\n• beta',
    );
    for (const dropped of ['evil', 'Home', 'color', 'Enable JavaScript', 'footer', '<', 'alert']) {
      expect(source.text).not.toContain(dropped);
    }
  });

  it('refuses empty text, text over 2 MB (in UTF-8 bytes) and both or neither of text and file, with clear messages', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    await expect(api.source.create({ mapId: map.id, title: 'Empty', text: '' })).rejects.toThrow('The source text is empty.');
    await expect(api.source.create({ mapId: map.id, title: 'Blank', text: ' \n\t\n ' })).rejects.toThrow('The source text is empty.');
    await expect(
      api.source.create({ mapId: map.id, title: 'Empty file', file: { fileName: 'a.txt', kind: 'txt', content: '\n\n' } }),
    ).rejects.toThrow('The uploaded file is empty.');
    await expect(
      api.source.create({
        mapId: map.id,
        title: 'Only markup',
        file: { fileName: 'a.html', kind: 'html', content: '<script>x()</script><p> </p>' },
      }),
    ).rejects.toThrow('“a.html” has no readable text once its markup is removed.');
    await expect(api.source.create({ mapId: map.id, title: '', text: 'Some text' })).rejects.toThrow('Give the source a title.');
    await expect(api.source.create({ mapId: map.id, title: 'Neither' })).rejects.toThrow('Paste the source text or upload a file');
    await expect(
      api.source.create({ mapId: map.id, title: 'Both', text: 'x', file: { fileName: 'a.txt', kind: 'txt', content: 'y' } }),
    ).rejects.toThrow('Paste the source text or upload a file');
    await expect(api.source.create({ mapId: map.id, title: 'Bad URL', url: 'ftp://x', text: 'x' })).rejects.toThrow(
      'The URL must start with http:// or https://.',
    );
    await expect(api.source.create({ mapId: map.id, title: 'Bad date', publishedAt: 'yesterday', text: 'x' })).rejects.toThrow(
      'Write the publication date as YYYY-MM-DD.',
    );
    await expect(
      api.source.create({ mapId: map.id, title: 'Doc', file: { fileName: 'a.pdf', kind: 'pdf' as 'txt', content: 'x' } }),
    ).rejects.toThrow('Upload a .txt, .md or .html file.');

    // 1.1 million "é" are 1.1 M UTF-16 units but 2.2 MB of UTF-8: too large.
    const tooLarge = 'é'.repeat(1_100_000);
    await expect(api.source.create({ mapId: map.id, title: 'Large', text: tooLarge })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most 2 MB'),
    });
    // An HTML page may be larger, but its text must fit.
    const bigPage = `<p>${'ü'.repeat(1_100_000)}</p><script>${'x'.repeat(100)}</script>`;
    await expect(
      api.source.create({ mapId: map.id, title: 'Large page', file: { fileName: 'big.html', kind: 'html', content: bigPage } }),
    ).rejects.toThrow('The source text is 2.1 MB; a source can be at most 2 MB');
    // Exactly 2 MB is fine.
    const atLimit = 'a'.repeat(SOURCE_TEXT_MAX_BYTES - 3) + '€';
    const { source } = await api.source.create({ mapId: map.id, title: 'At the limit', text: atLimit });
    expect(source.textLength).toBe(SOURCE_TEXT_MAX_BYTES - 2);
    expect(await db().source.count({ where: { mapId: map.id } })).toBe(1);
  });

  it('points out a duplicate (same normalised text in the same map) by the existing title; other maps may hold it too', async () => {
    const { editor, owner, map } = await setup();
    const api = callerFor(editor);
    await api.source.create({ mapId: map.id, title: 'Original upload', text: ARTICLE });
    const again = api.source.create({ mapId: map.id, title: 'Second copy', text: ARTICLE.replace(/\n/g, '\r\n') });
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“Original upload”') });
    const otherMap = await createMapWith(owner);
    await expect(callerFor(owner).source.create({ mapId: otherMap.id, title: 'Elsewhere', text: ARTICLE })).resolves.toMatchObject({
      source: { title: 'Elsewhere' },
    });
    expect(await db().source.count({ where: { mapId: map.id } })).toBe(1);
  });

  it('lets editors and the owner write; voters and viewers read only; outsiders see nothing', async () => {
    const { owner, editor, voter, viewer, outsider, map } = await setup();
    const { source } = await callerFor(editor).source.create({ mapId: map.id, title: 'Article', text: ARTICLE });
    await callerFor(owner).source.update({ id: source.id, publisher: 'The Owner Times' });

    for (const actor of [voter, viewer]) {
      const api = callerFor(actor);
      expect((await api.source.list({ mapId: map.id })).map((item) => item.id)).toEqual([source.id]);
      expect((await api.source.get({ id: source.id })).source.publisher).toBe('The Owner Times');
      const attempts = [
        () => api.source.create({ mapId: map.id, title: 'Mine', text: 'Some other text' }),
        () => api.source.update({ id: source.id, title: 'Renamed' }),
        () => api.source.update({ id: source.id, text: 'Rewritten' }),
        () => api.source.delete({ id: source.id }),
        () => api.source.deleteImpact({ id: source.id }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const stranger = callerFor(outsider);
    const hidden = [
      () => stranger.source.list({ mapId: map.id }),
      () => stranger.source.get({ id: source.id }),
      () => stranger.source.create({ mapId: map.id, title: 'x', text: 'x' }),
      () => stranger.source.update({ id: source.id, title: 'x' }),
      () => stranger.source.delete({ id: source.id }),
      () => stranger.source.get({ id: 'no-such-source' }),
    ];
    for (const attempt of hidden) await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(null).source.get({ id: source.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await callerFor(owner).source.get({ id: source.id })).source.title).toBe('Article');
  });

  it('serves a public map to anonymous readers, and refuses writes on a locked map to editors', async () => {
    const { owner, editor, map } = await setup({ visibility: 'public' });
    const { source } = await callerFor(editor).source.create({ mapId: map.id, title: 'Article', text: ARTICLE });
    expect((await callerFor(null).source.get({ id: source.id })).source.text).toBe(ARTICLE);
    expect(await callerFor(null).source.list({ mapId: map.id })).toHaveLength(1);
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(callerFor(editor).source.update({ id: source.id, title: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(editor).source.create({ mapId: map.id, title: 'x', text: 'y' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('edits metadata (clearing optional fields) and logs source.updated', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const { source } = await api.source.create({
      mapId: map.id,
      title: 'Draft',
      author: 'A',
      url: 'https://a.test',
      publishedAt: new Date('2011-09-15'),
      text: ARTICLE,
    });
    const updated = await api.source.update({ id: source.id, title: 'Final', author: null, url: '', publishedAt: '' });
    expect(updated.source).toMatchObject({ title: 'Final', author: null, url: null, publishedAt: null });
    expect(updated.textChanged).toBe(false);
    expect(updated.reanchor).toBeNull();
    expect((await eventTypes(map.id)).slice(-1)).toEqual(['source.updated']);
  });

  it('re-anchors every passage when the text is edited: shifted passages follow, deleted words orphan, one transaction', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Cyber sovereignty is censorship' });
    const { source } = await api.source.create({ mapId: map.id, title: 'Article', text: ARTICLE });
    const quote = async (exact: string) => {
      const start = ARTICLE.indexOf(exact);
      return (await api.evidence.create({ sourceId: source.id, start, end: start + exact.length, claimId: claim.id, relation: 'support' }))
        .evidence;
    };
    const first = await quote('each state governs the internet within its borders');
    const banner = await quote('a banner for censorship and surveillance');
    const gdpr = await quote('data-protection rules such as the GDPR');
    const deleted = await quote('Critics say the principle');
    await api.evidence.delete({ id: deleted.id });

    const intro = 'Editor’s note: this article was updated.\n\n';
    const edited = (intro + ARTICLE)
      .replace(' a banner for censorship and surveillance', ' mostly a pretext')
      .replace('data-protection rules such as the GDPR', 'data protection rules such as the GDPR');
    const result = await api.source.update({ id: source.id, text: edited });
    expect(result.textChanged).toBe(true);
    expect(result.reanchor).toMatchObject({ total: 4, unchanged: 0, moved: 2, fuzzy: 1, orphaned: 1, orphanedIds: [banner.id] });

    const { source: after, evidence } = await api.source.get({ id: source.id });
    expect(after.text).toBe(edited);
    const byId = new Map(evidence.map((item) => [item.id, item]));
    const moved = byId.get(first.id)!;
    expect(moved.start).toBe(first.start + intro.length);
    expect(edited.slice(moved.start, moved.end)).toBe('each state governs the internet within its borders');
    expect(moved.isOrphaned).toBe(false);
    const fuzzy = byId.get(gdpr.id)!;
    expect(fuzzy.exact).toBe('data protection rules such as the GDPR');
    expect(edited.slice(fuzzy.start, fuzzy.end)).toBe(fuzzy.exact);
    const orphan = byId.get(banner.id)!;
    expect(orphan.isOrphaned).toBe(true);
    expect(orphan.exact).toBe('a banner for censorship and surveillance');
    expect(after.orphanedCount).toBe(1);
    // The soft-deleted passage followed too, so restoring it finds its words.
    await api.evidence.restore({ id: deleted.id });
    const restored = (await api.source.get({ id: source.id })).evidence.find((item) => item.id === deleted.id)!;
    expect(edited.slice(restored.start, restored.end)).toBe('Critics say the principle');

    // Bringing the words back re-anchors the orphan.
    const back = await api.source.update({ id: source.id, text: intro + ARTICLE });
    expect(back.reanchor?.orphaned).toBe(0);
    const revived = (await api.source.get({ id: source.id })).evidence.find((item) => item.id === banner.id)!;
    expect(revived.isOrphaned).toBe(false);
    expect(revived.start).toBe(banner.start + intro.length);

    // A text that duplicates another source of the map is refused, and nothing changes.
    await api.source.create({ mapId: map.id, title: 'Other', text: 'Completely different text.' });
    await expect(api.source.update({ id: source.id, text: 'Completely different text.' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('“Other”'),
    });
    expect((await api.source.get({ id: source.id })).source.text).toBe(intro + ARTICLE);
    const view = await api.map.get({ mapId: map.id });
    expect(view.evidence.find((item) => item.id === banner.id)?.isOrphaned).toBe(false);
  });

  it('deletes a source with its passages only once the passage count is confirmed', async () => {
    const { editor, map } = await setup();
    const api = callerFor(editor);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'A claim' });
    const { source } = await api.source.create({ mapId: map.id, title: 'Quoted', text: ARTICLE });
    for (const exact of ['Cyber sovereignty', 'censorship', 'GDPR']) {
      const start = ARTICLE.indexOf(exact);
      await api.evidence.create({ sourceId: source.id, start, end: start + exact.length, claimId: claim.id, relation: 'oppose' });
    }
    expect(await api.source.deleteImpact({ id: source.id })).toEqual({
      sourceId: source.id,
      title: 'Quoted',
      evidenceCount: 3,
      claimCount: 1,
    });
    await expect(api.source.delete({ id: source.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '“Quoted” is quoted by 3 evidence passages; deleting the source deletes them too. Confirm to delete all 3.',
    });
    await expect(api.source.delete({ id: source.id, confirmEvidenceCount: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const result = await api.source.delete({ id: source.id, confirmEvidenceCount: 3 });
    expect(result.deletedEvidenceCount).toBe(3);
    expect(result.linkIds).toHaveLength(3);
    const view = await api.map.get({ mapId: map.id });
    expect(view.sources).toEqual([]);
    expect(view.evidence).toEqual([]);
    expect(view.links).toEqual([]);
    expect((await eventTypes(map.id)).slice(-1)).toEqual(['source.deleted']);
    await expect(api.source.get({ id: source.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Without passages no confirmation is needed.
    const { source: unused } = await api.source.create({ mapId: map.id, title: 'Unused', text: 'Nobody quotes me.' });
    await expect(api.source.delete({ id: unused.id })).resolves.toMatchObject({ deletedEvidenceCount: 0 });
  });
});
