import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('keeps readable text with paragraph breaks and drops scripts, styles, navigation and markup', () => {
    const html = `<html><head><title>T</title><style>p{}</style><script>alert(1)</script></head><body>
      <nav><a href="/">Home</a></nav><article><h1>Cyber   sovereignty</h1>
      <p>First &amp; <b>bold</b>
        paragraph &ldquo;here&rdquo;&nbsp;now.</p><p>Second<br>line two<br><br><br>line three</p>
      <ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol>
      <pre>code
  indented &lt;tag&gt;</pre>
      <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
      <div>中文😀 <span>é</span></div><img src=x onerror=alert(1)><p>x<script>bad()</script>y</p></article>
      <footer>Copyright</footer></body></html>`;
    expect(htmlToText(html)).toBe(
      'Cyber sovereignty\n\nFirst & bold paragraph “here”\u00a0now.\n\nSecond\nline two\n\nline three\n\n• one\n• two\n\n1. a\n2. b\n\n' +
        'code\n  indented <tag>\n\na b\nc d\n\n中文😀 é\n\nxy',
    );
  });
  it('returns an empty string for markup without text', () => {
    expect(htmlToText('<script>x()</script><p>  </p><nav>menu</nav>')).toBe('');
  });
});
