import fc from 'fast-check';
import { it } from 'vitest';
import { anchorQuote, describeQuote } from './anchor-quote';
const W = ['the','of','tax','policy','growth','is','and','to','economy','rates','high','low','said','we','they','jobs','market','prices','taxes','rate','price'];
it('explore deletion', () => {
  let fuzzy = 0, orphan = 0, total = 0, far = 0, farFound = 0;
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...W), {minLength: 30, maxLength: 80}), fc.nat(), fc.integer({min: 2, max: 6}), fc.integer({min:0, max: 2}), fc.nat(), fc.nat(),
    (words, a, n, extra, farPos, subPos) => {
      const text = words.join(' ');
      const i = a % (words.length - n - 3) + 1;
      const start = words.slice(0, i).join(' ').length + 1;
      const end = start + words.slice(i, i + n).join(' ').length;
      const sel = describeQuote(text, start, end);
      if (sel.exact.length < 8) return;
      const remaining = [...words.slice(0, i), ...words.slice(i + n + extra)];
      const edited = remaining.join(' ');
      if (edited.includes(sel.exact)) return;
      total++;
      const res = anchorQuote(edited, sel);
      if (!res) orphan++; else { fuzzy++; }
      // similar phrase (1 substitution) inserted far away
      const k = subPos % sel.exact.length;
      const similar = sel.exact.slice(0, k) + 'Z' + sel.exact.slice(k + 1);
      const fp = farPos % (remaining.length + 1);
      const edited2 = [...remaining.slice(0, fp), similar, ...remaining.slice(fp)].join(' ');
      if (Math.abs(edited2.indexOf(similar) - start) < 40) return;
      far++;
      const r2 = anchorQuote(edited2, sel);
      if (r2) { farFound++; if (farFound < 4) console.log(JSON.stringify({sel, got: edited2.slice(r2.start - 32, r2.end + 32)})); }
    }), { numRuns: 5000 });
  console.log({ total, fuzzy, orphan, far, farFound });
});
