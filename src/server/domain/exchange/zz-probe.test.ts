import { test } from 'vitest';
import { appendFileSync } from 'node:fs';
import { importArgdown } from './argdown';
const isMarkup = (c: string) => '\\@#*_[],.:;</>-(){}+=\n\r'.includes(c);
test('probe', () => {
  for (const unit of ['*a _b ', '**a __b ', '[', '((', '{', '<', '@[', '/*', '<!--', '#(', '.:', '\\[', 'a.b ', '[a]: ', ':a', '.', 'x\n', '\n  + [A]: b', '\n  + b', '\n  + [A]', '\n  - [T]', '\n  + [A]: Text with, some. punctuation', '\n\n[A]: b\n\n', 'word ']) {
    const per = [...unit].filter(isMarkup).length || 0.01;
    let body = unit.repeat(Math.floor(140_000 / per));
    if (body.length > 4_500_000) body = body.slice(0, 4_500_000);
    if (!unit.includes('\n')) body = body.replace(/([^]{60})/g, '$1\n\n');
    const text = Buffer.from(`[T]: ${body}`).toString();
    const t = Date.now();
    let r = 'ok';
    try { importArgdown(text); } catch (e) { r = (e as Error).message.slice(0, 90); }
    appendFileSync('/tmp/probe.log', [JSON.stringify(unit), text.length, Date.now() - t, r].join(' ') + '\n');
  }
}, 900000);
