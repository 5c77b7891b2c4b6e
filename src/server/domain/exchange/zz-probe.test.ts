import { test } from 'vitest';
import { importArgdown } from './argdown';
test('probe', () => {
  for (const unit of ['*a _b ', '**a __b ', '[', '((', '{', '<', '@[', '/*', '<!--', '#(', '.:', '===', '\\[', '+ ', 'a.b ', '[a]: ', ':a', '.', 'x\n', '\n  + [A]: b']) {
    for (const size of [200_000, 1_000_000, 5_000_000]) {
      const text = `[T]: ${unit.repeat(Math.ceil(size / unit.length))}`;
      const t = Date.now();
      let r = 'ok';
      try { importArgdown(text); } catch (e) { r = (e as Error).message.slice(0, 70); }
      console.log(JSON.stringify(unit), size, Date.now() - t, r);
    }
  }
}, 600000);
