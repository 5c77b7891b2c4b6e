import fc from 'fast-check';
import DiffMatchPatch from 'diff-match-patch';
import { it } from 'vitest';
import { anchorQuote, describeQuote } from './anchor-quote';
const W = ['the','of','tax','policy','growth','is','and','to','economy','rates','high','low','said','we','they','jobs','market','prices'];
const dmp = new DiffMatchPatch();
it('explore edits inside', () => {
  let shown = 0; let cnt = 0;
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...W), {minLength: 30, maxLength: 80}), fc.nat(), fc.integer({min: 3, max: 10}), fc.array(fc.tuple(fc.nat(), fc.constantFrom('x','e','','ab')), {minLength:1, maxLength:3}), fc.boolean(),
    (words, a, n, edits, ctxEdit) => {
      const text = words.join(' ');
      const i = a % (words.length - n);
      const start = words.slice(0, i).join(' ').length + (i ? 1 : 0);
      const end = start + words.slice(i, i + n).join(' ').length;
      const sel = describeQuote(text, start, end);
      let q = sel.exact;
      for (const [p, r] of edits) { const k = 1 + (p % (q.length - 2)); q = q.slice(0, k) + r + q.slice(k + 1); }
      let before = text.slice(0, start), after = text.slice(end);
      if (ctxEdit) { after = after.slice(0, 3) + 'INSERTED WORDS' + after.slice(3); before = 'PRE ' + before; }
      const edited = before + q + after;
      const res = anchorQuote(edited, sel);
      const lev = dmp.diff_levenshtein(dmp.diff_main(sel.exact, q));
      if (!res && lev <= Math.floor(sel.exact.length * 0.25) ) { cnt++; if (shown++ < 4) console.log(JSON.stringify({sel, q, edited, lev})); }
    }), { numRuns: 3000 });
  console.log(cnt);
});
