/**
 * Argdown (https://argdown.org) import, parsed with @argdown/core. Statements (equivalence
 * classes) and arguments become claims; support/attack relations become links. What Crux cannot
 * represent (undercuts, contradictions, premise–conclusion structure) is approximated or skipped,
 * always with a warning.
 */
import {
  ArgdownApplication,
  ArgdownTypes,
  ArgumentDefinition,
  ArgumentMention,
  ArgumentReference,
  DataPlugin,
  Dedent,
  EOF,
  Emptyline,
  FrontMatterSettingsModes,
  IArgument,
  IEquivalenceClass,
  Indent,
  ModelPlugin,
  Newline,
  RangeType,
  RelationType,
  StatementDefinition,
  StatementMention,
  StatementReference,
  StatementRole,
  parser,
  tokenMatcher,
  tokenize,
  type IArgdownLogger,
  type IArgdownResponse,
  type IRelation,
  type IStatement,
  type ISection,
  type RelationMember,
} from '@argdown/core';

import { MAP_DOCUMENT_LIMITS, ZDocClaimData, type MapDocumentClaimData, type MapRelation } from '@/shared/map-document';

import { isReservedTitle } from './argdown-titles';
import { assertTextInput } from './byte-limits';
import { DocumentBuilder, fitClaimText, tooManyNodes } from './document-builder';
import { ImportError } from './import-error';
import { ImportWarnings, plural, type ImportResult } from './import-result';
import { collapseWhitespace, replacedWarning, sanitizeText } from './sanitize-text';
import { lineColumnAt, splitLines } from './text-position';

/** Relation nesting deeper than this is rejected before parsing (the parser is recursive). */
export const ARGDOWN_MAX_DEPTH = 100;
/** Upper bound on the lexer's scanning work, in weighted characters (see checkLexerCost). */
const LEXER_COST_BUDGET = 150_000_000;
/**
 * Every punctuation character and line break is (part of) a token; lexing costs several
 * microseconds per token (10–20 µs measured), so 5 MB of "((((" would take a minute. A typical
 * statement line needs 5–15 of these, so this allows maps of about 10,000 statements.
 */
export const ARGDOWN_MAX_MARKUP = 150_000;
/** A statement is at most 1000 characters; a much longer run of continuation lines is refused
 * early, because @argdown/core re-flattens the statement text at every line break (quadratic). */
const ARGDOWN_MAX_STATEMENT_BLOCK = 20_000;

const MARKUP_CHARS = new Uint8Array(128);
for (const c of '\\@#*_[],.:;</>-(){}+=\n\r') MARKUP_CHARS[c.charCodeAt(0)] = 1;

type IToken = ReturnType<typeof tokenize>['tokens'][number];

/** The parts of @argdown/core's chevrotain parser singleton used here. */
interface RawParser {
  input: IToken[];
  errors: { message: string; token: IToken }[];
  recoveryEnabled: boolean;
  argdown: () => IArgdownResponse['ast'];
}

const silentLogger: IArgdownLogger = { log: () => undefined, setLevel: () => undefined };
let application: ArgdownApplication | null = null;

function argdownApp(): ArgdownApplication {
  if (!application) {
    const app = new ArgdownApplication(silentLogger);
    // Reads YAML data (`{isCanonical: true}`, `{source: …}`) and the front matter; the front matter
    // must not change the parser's own settings, so it is only read, never merged into the request.
    app.addPlugin(new DataPlugin({ frontMatterSettingsMode: FrontMatterSettingsModes.IGNORE }), 'build-model');
    app.addPlugin(new ModelPlugin(), 'build-model');
    application = app;
  }
  return application;
}

/**
 * Several Argdown token patterns scan ahead for a closing delimiter (`{…}`, `[…](…)`, `<!--…-->`,
 * `/*…*\/`, `===…===`), so a document with many unclosed openers makes the lexer quadratic: 100 kB
 * of "{" takes minutes. This estimates the scanning work in linear time and refuses documents
 * whose estimate exceeds the budget, naming the most expensive opener.
 */
function checkLexerCost(text: string): void {
  const n = text.length;
  const finder = (needle: string) => {
    let at = -2;
    return (from: number): number => {
      if (at === -1 || at >= from) return at;
      at = text.indexOf(needle, from);
      return at;
    };
  };
  const regexFinder = (re: RegExp) => {
    let at = -2;
    return (from: number): number => {
      if (at === -1 || at >= from) return at;
      re.lastIndex = from;
      const m = re.exec(text);
      at = m ? m.index : -1;
      return at;
    };
  };
  const pos = (at: number) => (at === -1 ? n : at);
  const nextLf = finder('\n');
  const nextCr = finder('\r');
  const eol = (from: number) => Math.min(pos(nextLf(from)), pos(nextCr(from)));
  const nextCloseBracket = finder(']');
  const nextCloseParen = finder(')');
  const nextGt = finder('>');
  const nextCommentEnd = finder('-->');
  const nextBlockCommentEnd = finder('*/');
  const nextTripleEquals = finder('===');
  const nextDot = finder('.');
  const nextColon = finder(':');
  const nextSpace = regexFinder(/\s/g);
  const dataStop = regexFinder(/\}\s[^,}]|[\r\u2028\u2029]/g);

  let total = 0;
  let worstCost = 0;
  let worstOffset = 0;
  let markup = 0;
  for (let i = 0; i < n; i++) {
    let cost = 0;
    const code = text.charCodeAt(i);
    if (code < 0x80 && MARKUP_CHARS[code] === 1) {
      markup++;
      if (markup > ARGDOWN_MAX_MARKUP) {
        throw new ImportError(
          `The Argdown text has too much markup to import: more than ${ARGDOWN_MAX_MARKUP} punctuation characters and line breaks ` +
            `(the parser handles about one such token every few microseconds).`,
        );
      }
    }
    switch (code) {
      case 0x7b /* { */:
        cost = 16 * (pos(dataStop(i + 1)) - i);
        break;
      case 0x5b /* [ */: {
        const close = pos(nextCloseBracket(i + 1));
        cost = 2 * (Math.min(eol(i), close) - i) + (close - i);
        if (text.charCodeAt(close + 1) === 0x28 /* ( */) cost += pos(nextCloseParen(close + 2)) - close;
        break;
      }
      case 0x3c /* < */:
        if (text.startsWith('<!--', i)) cost += 8 * (pos(nextCommentEnd(i + 4)) - i);
        cost += 2 * (Math.min(eol(i), pos(nextGt(i + 1))) - i);
        break;
      case 0x40 /* @ */:
        cost = Math.min(eol(i), pos(nextCloseBracket(i + 1))) + Math.min(eol(i), pos(nextGt(i + 1))) - 2 * i;
        break;
      case 0x2f /* / */: {
        const next = text.charCodeAt(i + 1);
        if (next === 0x2a /* * */) cost = 8 * (pos(nextBlockCommentEnd(i + 2)) - i);
        else if (next === 0x2f) cost = eol(i) - i;
        break;
      }
      case 0x3d /* = */:
        if (text.startsWith('===', i)) cost = pos(nextTripleEquals(i + 3)) - i;
        break;
      case 0x23 /* # */:
        if (text.charCodeAt(i + 1) === 0x28) cost = pos(nextCloseParen(i + 2)) - i;
        break;
      case 0x2e /* . */:
        cost = Math.min(pos(nextDot(i + 1)), pos(nextSpace(i + 1))) - i;
        break;
      case 0x3a /* : */:
        cost = Math.min(pos(nextColon(i + 1)), pos(nextSpace(i + 1))) - i;
        break;
      default:
        continue;
    }
    total += cost;
    if (cost > worstCost) {
      worstCost = cost;
      worstOffset = i;
    }
    if (total > LEXER_COST_BUDGET) {
      const at = lineColumnAt(text, worstOffset);
      const char = text.charAt(worstOffset);
      throw new ImportError(
        `The Argdown text is too complex to parse safely: unclosed "${char}" characters (the first costly one at line ${at.line}, ` +
          `column ${at.column}) make the parser rescan most of the document. Close them or escape them with a backslash.`,
        at,
      );
    }
  }
}

const RELATION_OR_ITEM = /^([ \t]*)(?:\+>|->|<?\+|<?-|><|_>|<_|_(?=\s)|\d+\.(?=\s)|\*(?=\s))/;
/** Lines that start a new element rather than continue the previous statement's text. */
const BLOCK_START = /^[ \t]*(?:\[[^\]]*\]:|<[^>]*>:|\(\d+\)|\+>|->|<?\+|<?-|><|_>|<_|_(?=\s)|#|\d+\.(?=\s)|\*(?=\s)|===|\/\/|\/\*|<!--)/;
const NODE_LINE = /^[ \t]*(?:\[[^\]]+\]:|<[^>]+>:|\(\d+\)|\+>|->|<?\+|<?-|><|_>|<_)/;

/** Mirrors the lexer's indentation stack to bound nesting depth, and roughly bounds node count. */
function checkStructure(lines: string[]): void {
  const stack = [0];
  let blank = false;
  let nodeLines = 0;
  let block = 0;
  let blockStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (!blank) stack.length = 1;
      blank = true;
      block = 0;
      continue;
    }
    blank = false;
    if (BLOCK_START.test(line)) {
      block = 0;
      blockStart = i;
    }
    block += line.length;
    if (block > ARGDOWN_MAX_STATEMENT_BLOCK) {
      throw new ImportError(
        `Line ${blockStart + 1}: this statement continues for more than ${ARGDOWN_MAX_STATEMENT_BLOCK} characters; a claim can have ` +
          `at most ${MAP_DOCUMENT_LIMITS.claimTextMax}.`,
        { line: blockStart + 1, column: 1 },
      );
    }
    if (NODE_LINE.test(line)) nodeLines++;
    const m = RELATION_OR_ITEM.exec(line);
    if (!m) continue;
    const width = (m[1] ?? '').length;
    let top = stack[stack.length - 1] ?? 0;
    if (width > top) stack.push(width);
    else {
      while (stack.length > 1 && width < top) {
        stack.pop();
        top = stack[stack.length - 1] ?? 0;
      }
    }
    if (stack.length - 1 > ARGDOWN_MAX_DEPTH) {
      throw new ImportError(`Line ${i + 1}: relations are nested more than ${ARGDOWN_MAX_DEPTH} levels deep.`, { line: i + 1, column: 1 });
    }
  }
  // Each statement needs a line of its own, but references repeat titles: allow generous headroom.
  if (nodeLines > MAP_DOCUMENT_LIMITS.maxNodes * 5) throw tooManyNodes(nodeLines, 'Argdown document');
}

interface FrontMatter {
  title?: string;
  description?: string;
}

function readFrontMatter(text: string): FrontMatter {
  const m = /^\s*===+[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*===+/.exec(text);
  if (!m) return {};
  const out: FrontMatter = {};
  for (const line of splitLines(m[1] ?? '')) {
    const kv = /^(title|description)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!kv || !kv[1]) continue;
    let value = (kv[2] ?? '').trim();
    if (value.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === 'string') value = parsed;
      } catch {
        value = value.replace(/^"|"$/g, '');
      }
    } else value = value.replace(/^'|'$/g, '').replace(/''/g, "'");
    out[kv[1] as keyof FrontMatter] = value;
  }
  return out;
}

/** The lexer only reports "lexing errors detected"; the only input it cannot tokenise is a
 * backslash with nothing (or a line break) after it. Find it to give a location. */
function lexerErrorLocation(text: string): { line: number; column: number } | undefined {
  const m = /\\(?=[\r\n\u2028\u2029]|$)/.exec(text);
  return m ? lineColumnAt(text, m.index) : undefined;
}

/** The title patterns ModelPlugin applies to each kind of title token. */
const TITLE_TOKENS: [Parameters<typeof tokenMatcher>[1], RegExp][] = [
  [StatementDefinition, /\[(.+)\]:/],
  [StatementReference, /\[(.+)\]/],
  [StatementMention, /@\[(.+)\]/],
  [ArgumentDefinition, /<(.+)>:/],
  [ArgumentReference, /<(.+)>/],
  [ArgumentMention, /@<(.+)>/],
];

/**
 * ModelPlugin looks statements and arguments up in plain objects by title, so "__proto__" would
 * hand it Object.prototype and it would write properties (tags, locations) onto it: prototype
 * pollution. Refuse every title that is an Object.prototype property before building the model.
 */
function checkTitles(tokens: IToken[]): void {
  for (const token of tokens) {
    for (const [type, pattern] of TITLE_TOKENS) {
      if (!tokenMatcher(token, type)) continue;
      const title = pattern.exec(token.image)?.[1];
      if (title !== undefined && isReservedTitle(title)) {
        const line = token.startLine;
        const column = token.startColumn;
        throw new ImportError(
          `Line ${line ?? '?'}: the title "${title}" cannot be used in Argdown (it clashes with a JavaScript built-in name); please ` +
            `rename it.`,
          { line, column },
        );
      }
      break;
    }
  }
}

function isBlankToken(token: IToken): boolean {
  return tokenMatcher(token, Newline) || tokenMatcher(token, Emptyline) || tokenMatcher(token, Indent) || tokenMatcher(token, Dedent);
}

/** Lexes and parses (what ParserPlugin does, with errors mapped to ImportError), then builds the model. */
function parse(text: string): IArgdownResponse {
  let tokens: IToken[];
  try {
    tokens = tokenize(text).tokens;
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('The Argdown text is nested too deeply to parse.');
    const at = lexerErrorLocation(text);
    if (at) {
      throw new ImportError(
        `Argdown syntax error at line ${at.line}, column ${at.column}: a backslash must be followed by the character it escapes.`,
        at,
      );
    }
    throw new ImportError('The Argdown text could not be read: it contains characters the Argdown lexer does not accept.');
  }
  if (tokens.every(isBlankToken)) throw new ImportError('The Argdown text contains no statements.');

  const response: IArgdownResponse = { tokens, lexerErrors: [] };
  // Any syntax error is fatal for an import, so stop at the first one: chevrotain's error recovery
  // (which @argdown/core enables) can take seconds on hostile input such as "**a __b " repeated.
  const chevrotainParser = parser as unknown as RawParser;
  const recovery = chevrotainParser.recoveryEnabled;
  let parserError: RawParser['errors'][number] | undefined;
  try {
    chevrotainParser.recoveryEnabled = false;
    chevrotainParser.input = tokens;
    response.ast = chevrotainParser.argdown();
    parserError = chevrotainParser.errors[0];
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('The Argdown text is nested too deeply to parse.');
    throw new ImportError('The Argdown text could not be parsed: its structure is not valid Argdown.');
  } finally {
    chevrotainParser.recoveryEnabled = recovery;
  }
  if (parserError) {
    const token = parserError.token;
    const atEnd = tokenMatcher(token, EOF) || !Number.isFinite(token.startLine);
    const { line, column } = atEnd ? lineColumnAt(text, text.length) : { line: token.startLine ?? 0, column: token.startColumn ?? 0 };
    const found = atEnd ? 'the end of the text' : JSON.stringify(token.image.trim().slice(0, 40) || token.image);
    const expected = /^Expecting token of type --> (.*?) <--/.exec(parserError.message)?.[1];
    // Argdown's own messages are sentences; chevrotain's generic ones list token sequences.
    const own = collapseWhitespace(parserError.message);
    const isGeneric = /^(?:Expecting|Redundant input|NotAllInputParsed|MismatchedToken|NoViableAlt)/i.test(own) || !/[.!?]$/.test(own);
    const detail = expected
      ? `unexpected ${found} (expected ${expected}). Check the indentation of relations: a relation needs a statement above it, ` +
        `indented less.`
      : isGeneric
        ? `${found} cannot stand here. Check the indentation of relations (a relation needs a statement above it, indented less) and ` +
          `that every [ or < is closed.`
        : `${own} (found ${found}.)`;
    throw new ImportError(`Argdown syntax error at line ${line}, column ${column}: ${detail}`, { line, column });
  }
  checkTitles(tokens);
  try {
    argdownApp().run({ input: text, process: ['build-model'], throwExceptions: true, logExceptions: false, logLevel: 'off' }, response);
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('The Argdown text is nested too deeply to parse.');
    throw new ImportError(
      `The Argdown text parsed, but its statements and arguments could not be put ` +
        `together${e instanceof Error && /^[A-Z].*[.!?]$/.test(e.message) ? `: ${e.message}` : '.'}`,
    );
  }
  return response;
}

const AUTO_TITLE = /^Untitled \d+$/;

/**
 * A statement's text as a claim keeps it: tags (`#tag`, `#(two words)`) come out (they become
 * the claim's tags), a link keeps its URL after the link text, whitespace is collapsed.
 */
export function statementText(statement: IStatement): string {
  const text = statement.text ?? '';
  const edits = (statement.ranges ?? [])
    .filter((r) => (r.type === RangeType.TAG || (r.type === RangeType.LINK && r.url)) && r.start >= 0 && r.stop < text.length + 1)
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const range of edits) {
    if (range.type === RangeType.TAG) out = out.slice(0, range.start) + out.slice(range.stop + 1);
    else if (range.url && !out.slice(range.start, range.stop + 1).includes(range.url)) {
      out = `${out.slice(0, range.stop + 1)} (${range.url})${out.slice(range.stop + 1)}`;
    }
  }
  return collapseWhitespace(out);
}

/** JSON values at most this many nodes (YAML aliases could otherwise expand a small text hugely). */
const DATA_NODE_BUDGET = 2000;

/**
 * YAML data as plain JSON: dates become ISO strings, other non-JSON values are left out;
 * 'too-large' past the node budget or the document's size limit.
 */
export function claimData(value: unknown): MapDocumentClaimData | undefined | 'too-large' {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  let budget = DATA_NODE_BUDGET;
  const convert = (v: unknown): unknown => {
    if (--budget < 0) throw new RangeError('too large');
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const converted = convert(x);
        if (converted !== undefined)
          Object.defineProperty(out, k, { value: converted, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return undefined;
  };
  try {
    const data = convert(value) as Record<string, unknown>;
    // isCanonical chose the claim's text: it says nothing once there is one text.
    delete data.isCanonical;
    if (Object.keys(data).length === 0) return undefined;
    const parsed = ZDocClaimData.safeParse(data);
    return parsed.success ? parsed.data : 'too-large';
  } catch {
    return 'too-large';
  }
}

/** Title and description from the front matter as YAML reads it (block scalars too), else by lines. */
function readFrontMatterOf(response: IArgdownResponse, input: string): FrontMatter {
  const yaml = (response as { frontMatter?: unknown }).frontMatter;
  const byLines = readFrontMatter(input);
  if (typeof yaml !== 'object' || yaml === null) return byLines;
  const pick = (key: 'title' | 'description') => {
    const value = (yaml as Record<string, unknown>)[key];
    return typeof value === 'string' || typeof value === 'number' ? collapseWhitespace(String(value)) : byLines[key];
  };
  return { title: pick('title'), description: pick('description') };
}

function ecLine(ec: IEquivalenceClass | IArgument): number | undefined {
  return ec.members.find((m) => m.startLine !== undefined)?.startLine;
}

/** Position of a node's first appearance as line * 1e6 + column (the model keeps no offsets). */
function firstPosition(node: IEquivalenceClass | IArgument): number {
  let min = Infinity;
  const consider = (s: { startLine?: number; startColumn?: number }) => {
    if (s.startLine === undefined) return;
    const p = s.startLine * 1e6 + (s.startColumn ?? 0);
    if (p < min) min = p;
  };
  node.members.forEach(consider);
  if (node.type === ArgdownTypes.ARGUMENT) (node.pcs ?? []).forEach(consider);
  return min;
}

function byFirstAppearance<T extends IEquivalenceClass | IArgument>(nodes: T[]): T[] {
  return nodes
    .map((node, index) => ({ node, index, position: firstPosition(node) }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map((x) => x.node);
}

function at(line: number | undefined): string {
  return line === undefined ? '' : ` (line ${line})`;
}

function memberLabel(member: RelationMember | undefined): string {
  if (!member) return 'an unknown node';
  if (member.type === ArgdownTypes.ARGUMENT) return `<${member.title ?? '?'}>`;
  if (member.type === ArgdownTypes.INFERENCE) return `the inference of <${member.argumentTitle ?? '?'}>`;
  return `[${member.title ?? '?'}]`;
}

/**
 * Parses Argdown into a map document. Statements and arguments become claims (titles kept on
 * `claim.title`), support/attack relations become links; warnings list what was approximated.
 * Throws ImportError (with line and column where known) for syntax errors and exceeded limits.
 */
export function importArgdown(text: string): ImportResult {
  assertTextInput(text, 'Argdown text');
  const notes = new ImportWarnings();
  const sanitized = sanitizeText(text.replace(/^\uFEFF/, ''));
  if (sanitized.replaced > 0) notes.note(replacedWarning(sanitized.replaced));
  const input = sanitized.text;
  if (input.trim() === '') throw new ImportError('The Argdown text is empty.');

  checkLexerCost(input);
  checkStructure(splitLines(input));
  const response = parse(input);

  // Object key order puts integer-like titles ("1") first: order by first appearance instead.
  const statements = byFirstAppearance(Object.values(response.statements ?? {}));
  const args = byFirstAppearance(Object.values(response.arguments ?? {}));
  const nodeCount = statements.length + args.length;
  if (nodeCount > MAP_DOCUMENT_LIMITS.maxNodes) throw tooManyNodes(nodeCount, 'Argdown document');

  const frontMatter = readFrontMatterOf(response, input);
  const titleHeading = frontMatter.title ? undefined : response.sections?.[0];
  const builder = new DocumentBuilder(frontMatter.title || titleHeading?.title || 'Imported Argdown map', frontMatter.description ?? '');
  /** Headings a node stands under become its tags (all but the one that gave the map its title). */
  const headingTags = (section: ISection | null | undefined): string[] => {
    const tags: string[] = [];
    for (let heading = section ?? undefined; heading; heading = heading.parent ?? undefined) {
      if (heading !== titleHeading && heading.title?.trim()) tags.push(collapseWhitespace(heading.title));
    }
    return tags;
  };
  const dataOf = (value: unknown, label: string): MapDocumentClaimData | undefined => {
    const data = claimData(value);
    if (data === 'too-large') {
      const max = MAP_DOCUMENT_LIMITS.claimDataMax;
      notes.count('data-dropped', (n) => `Left out the data of ${plural(n, 'node')}: more than ${max} characters of JSON`, label);
      return undefined;
    }
    return data;
  };

  const idOf = new Map<RelationMember, string>();

  for (const ec of statements) {
    const title = ec.title ?? '';
    const line = ecLine(ec);
    const label = `Statement [${title}]${at(line)}`;
    const texts = ec.members.filter((m) => !m.isReference && m.text?.trim()).map((m) => statementText(m));
    const canonicalMember = IEquivalenceClass.getCanonicalMember(ec);
    const canonical = canonicalMember ? statementText(canonicalMember) : '';
    let claimText = canonical || texts[0] || '';
    if (new Set(texts).size > 1) {
      const marked = ec.members.some((m) => m.data && (m.data as { isCanonical?: unknown }).isCanonical);
      const chosen = marked ? 'the one marked isCanonical' : 'the last one';
      notes.count(
        'statement-texts',
        (n) =>
          `${plural(n, 'statement')} had several different texts; ${n === 1 ? 'its' : 'each one’s'} canonical text was used ` +
          '(the one marked isCanonical, else the last)',
        `[${title}]${at(line)}: ${new Set(texts).size} texts, ${chosen} used`,
      );
    }
    if (!claimText) {
      claimText = title.trim();
      notes.count(
        'statement-untexted',
        (n) => `${plural(n, 'statement')} had no text; the title was used as the claim text`,
        `[${title}]${at(line)}`,
      );
    }
    const keepTitle = title.trim() && !(AUTO_TITLE.test(title) && canonical);
    const tags = [...(ec.tags ?? []), ...headingTags(ec.section)];
    idOf.set(
      ec,
      builder.addClaim(fitClaimText(claimText, label, notes), keepTitle ? title.trim() : undefined, { tags, data: dataOf(ec.data, label) }),
    );
  }

  for (const arg of args) {
    const title = arg.title ?? '';
    const line = ecLine(arg);
    const label = `Argument <${title}>${at(line)}`;
    const member = IArgument.getCanonicalMember(arg);
    const description = member ? statementText(member) : '';
    const claimText = description || title.trim();
    const keepTitle = title.trim() && !(AUTO_TITLE.test(title) && description);
    const tags = [...(arg.tags ?? []), ...headingTags(arg.section)];
    idOf.set(
      arg,
      builder.addClaim(fitClaimText(claimText, label, notes), keepTitle ? title.trim() : undefined, {
        tags,
        data: dataOf(arg.data, label),
      }),
    );
  }
  let conflicts = 0;
  const addLink = (from: RelationMember, to: RelationMember, relation: MapRelation, line: number | undefined) => {
    const fromId = idOf.get(from);
    const toId = idOf.get(to);
    if (!fromId || !toId) return;
    const result = builder.addLink(fromId, toId, relation);
    if (result === 'self') {
      notes.count('self', (n) => `Skipped ${plural(n, 'relation')} of a node to itself`, `${memberLabel(from)}${at(line)}`);
    }
    if (result === 'conflict') conflicts++;
  };

  const relations: IRelation[] = response.relations ?? [];
  for (const relation of relations) {
    const { from, to } = relation;
    const line = relation.occurrences[0]?.startLine;
    if (!from || !to) continue;
    if (from.type === ArgdownTypes.INFERENCE || to.type === ArgdownTypes.INFERENCE) {
      notes.count(
        'undercut',
        (n) => `Skipped ${plural(n, 'undercut')}: Crux has no undercut relation and cannot link to the inference of an argument`,
        `${memberLabel(from)} → ${memberLabel(to)}${at(line)}`,
      );
      continue;
    }
    switch (relation.relationType) {
      case RelationType.SUPPORT:
      case RelationType.ENTAILS:
        addLink(from, to, 'support', line);
        break;
      case RelationType.ATTACK:
        addLink(from, to, 'oppose', line);
        break;
      case RelationType.CONTRADICTORY:
      case RelationType.CONTRARY:
        addLink(from, to, 'oppose', line);
        addLink(to, from, 'oppose', line);
        notes.count(
          'contradiction',
          (n) =>
            `${plural(n, 'contradiction or contrariety', 'contradictions and contrarieties')} ${n === 1 ? 'was' : 'were'} ` +
            'imported as two claims opposing each other',
          `${relation.relationType === RelationType.CONTRARY ? 'contrariety' : 'contradiction'} between ` +
            `${memberLabel(from)} and ${memberLabel(to)}${at(line)}`,
        );
        break;
      case RelationType.UNDERCUT:
        notes.count(
          'undercut',
          (n) => `Skipped ${plural(n, 'undercut')}: Crux has no undercut relation and cannot link to the inference of an argument`,
          `${memberLabel(from)} → ${memberLabel(to)}${at(line)}`,
        );
        break;
      default:
        notes.count(
          `relation:${String(relation.relationType)}`,
          (n) => `Skipped ${plural(n, `"${String(relation.relationType)}" relation`)}`,
          `${memberLabel(from)} → ${memberLabel(to)}${at(line)}`,
        );
    }
  }

  for (const arg of args) {
    if (!arg.pcs || arg.pcs.length === 0) continue;
    const line = ecLine(arg) ?? arg.pcs[0]?.startLine;
    const conclusion = arg.pcs[arg.pcs.length - 1];
    const conclusionEc = conclusion?.title ? response.statements?.[conclusion.title] : undefined;
    let premises = 0;
    let intermediate = 0;
    for (const s of arg.pcs.slice(0, -1)) {
      if (s.role !== StatementRole.PREMISE) {
        intermediate++;
        continue;
      }
      const ec = s.title ? response.statements?.[s.title] : undefined;
      if (ec) {
        addLink(ec, arg, 'support', line);
        premises++;
      }
    }
    if (conclusionEc) addLink(arg, conclusionEc, 'support', line);
    notes.count(
      'pcs',
      (n) =>
        `${plural(n, 'argument')} with a premise–conclusion structure ${n === 1 ? 'was' : 'were'} imported as ` +
        `${n === 1 ? 'a claim' : 'claims'}: the premises support the argument and it supports its conclusion; ` +
        'the structure itself (and intermediate conclusions) is not kept',
      `Argument <${arg.title ?? '?'}>${at(line)}: ${plural(premises, 'premise')}` +
        (intermediate > 0 ? `, ${plural(intermediate, 'intermediate conclusion')} not linked` : ''),
    );
  }

  if (conflicts > 0) {
    notes.note(
      `${conflicts} relation${conflicts === 1 ? '' : 's'} both supported and attacked the same claim from the same node; only the ` +
        `first was kept.`,
    );
  }
  if (builder.claims.length === 0) throw new ImportError('The Argdown text contains no statements.');
  return { document: builder.build(), warnings: notes.list() };
}
