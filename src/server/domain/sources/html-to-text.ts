import sanitizeHtml from 'sanitize-html';

/**
 * Reduces an HTML page to its readable text, with paragraphs separated by blank lines.
 *
 * Step 1, sanitize-html (htmlparser2 underneath) does the parsing: it drops scripts, styles,
 * navigation, forms and other non-content elements with their contents, keeps only structural tags
 * without attributes, and decodes entities; its output is well-formed and predictable.
 * Step 2 walks that restricted output and lays it out as text: block elements become paragraphs,
 * `<br>` a line break, list items lines, whitespace collapses as a browser would (except in `<pre>`).
 */

/** Elements dropped together with everything inside them. */
const DROPPED_WITH_CONTENT = [
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'select',
  'option',
  'textarea',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'audio',
  'video',
  'map',
  'dialog',
  'xmp',
];

const BLOCKS = [
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'dl',
  'dt',
  'dd',
  'address',
  'details',
  'summary',
  'hr',
];
const LIST_ITEMS = ['li', 'tr'];
const LISTS = ['ul', 'ol'];
const CELLS = ['td', 'th'];

const KEPT_TAGS = [...BLOCKS, ...LIST_ITEMS, ...LISTS, ...CELLS, 'br', 'pre'];

function decodeSanitizedText(text: string): string {
  // sanitize-html decodes entities on input and escapes exactly these on output.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export function htmlToText(html: string): string {
  const sanitized = sanitizeHtml(html, {
    allowedTags: KEPT_TAGS,
    allowedAttributes: {},
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    parser: { decodeEntities: true },
  });

  const out: string[] = [];
  /** Pending break before the next text: 0 none, 1 line break, 2 paragraph break. */
  let pendingBreak = 0;
  let pendingSpace = false;
  let preDepth = 0;
  const lists: { ordered: boolean; count: number }[] = [];
  let lineHasText = false;

  const requestBreak = (level: 1 | 2) => {
    if (out.length === 0) return;
    pendingBreak = Math.max(pendingBreak, level);
    pendingSpace = false;
  };

  const emit = (text: string) => {
    if (text === '') return;
    if (pendingBreak > 0) {
      out.push(pendingBreak === 2 ? '\n\n' : '\n');
      lineHasText = false;
    } else if (pendingSpace && lineHasText) {
      out.push(' ');
    }
    pendingBreak = 0;
    pendingSpace = false;
    out.push(text);
    lineHasText = !text.endsWith('\n');
  };

  const token = /<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi;
  for (let match = token.exec(sanitized); match !== null; match = token.exec(sanitized)) {
    const [, closing, rawName, rawText] = match;
    if (rawText !== undefined) {
      const text = decodeSanitizedText(rawText);
      if (preDepth > 0) {
        emit(text);
        continue;
      }
      // Collapse whitespace as HTML does; a non-breaking space is text, not whitespace.
      const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
      const leading = collapsed.startsWith(' ');
      const trimmed = collapsed.trim() === '' ? '' : collapsed.replace(/^ | $/g, '');
      if (leading) pendingSpace = true;
      if (trimmed !== '') emit(trimmed);
      if (trimmed !== '' && collapsed.endsWith(' ')) pendingSpace = true;
      continue;
    }
    const name = rawName!.toLowerCase();
    const isClosing = closing === '/';
    if (name === 'br') {
      if (out.length > 0) {
        // Consecutive <br>s keep at most one blank line.
        pendingBreak = Math.min(2, pendingBreak + 1);
        pendingSpace = false;
      }
    } else if (name === 'pre') {
      requestBreak(2);
      preDepth += isClosing ? -1 : 1;
      preDepth = Math.max(0, preDepth);
    } else if (LISTS.includes(name)) {
      if (isClosing) lists.pop();
      else lists.push({ ordered: name === 'ol', count: 0 });
      requestBreak(lists.length > 1 ? 1 : 2);
    } else if (name === 'li') {
      requestBreak(1);
      if (!isClosing) {
        const list = lists.at(-1);
        const marker = list?.ordered ? `${++list.count}. ` : '• ';
        emit('  '.repeat(Math.max(0, lists.length - 1)) + marker);
        pendingSpace = false;
        lineHasText = false;
      }
    } else if (name === 'tr') {
      requestBreak(1);
    } else if (CELLS.includes(name)) {
      if (!isClosing && lineHasText) pendingSpace = true;
    } else if (BLOCKS.includes(name)) {
      requestBreak(2);
    }
  }

  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
