/**
 * Shapes of tests that cannot fail, found by reading a test file's syntax (no type checking):
 *
 * - a skipped or focused test (`.skip`, `.only`, `.fixme`, `.todo`, `.skipIf`, `.runIf` on it/test/describe):
 *   it runs nothing, or hides the rest of the suite;
 * - an assertion of a literal against literals (`expect(true).toBe(true)`, `expect('a').toMatch(/a/)`);
 * - an assertion that compares an expression with itself (`expect(view).toEqual(view)`);
 * - an assertion on what the arrange step set: the subject is a variable (or a property of one)
 *   initialised to a literal, used nowhere but in assertions, and compared with literals only.
 *
 * A test with no assertion at all is caught at run time instead (tests/require-assertions.ts).
 */
import ts from 'typescript';

export interface HygieneProblem {
  line: number;
  problem: string;
  text: string;
}

const RUNNERS = new Set(['it', 'test', 'describe', 'suite']);
const SKIPPING = new Set(['skip', 'only', 'fixme', 'todo', 'skipIf', 'runIf']);
const EQUALITY_MATCHERS = new Set(['toBe', 'toEqual', 'toStrictEqual']);

/**
 * The variable an expression reads through property reads only (`a.b[0]!.c` → `a`); with `throughCalls`,
 * also through calls (`a.b.c(…)` → `a`). Null when it starts elsewhere.
 */
function rootIdentifier(expression: ts.Expression, throughCalls = false): ts.Identifier | null {
  let current: ts.Expression = expression;
  for (;;) {
    if (ts.isIdentifier(current)) return current;
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = current.expression;
    else if (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else if (throughCalls && ts.isCallExpression(current)) current = current.expression;
    else return null;
  }
}

/** The `expect(…)` call an assertion chain starts from (`expect(x).not.toBe(…)` → `expect(x)`), if it is one. */
function expectCallOf(expression: ts.Expression): ts.CallExpression | null {
  let current: ts.Expression = expression;
  for (;;) {
    if (ts.isCallExpression(current)) {
      if (ts.isIdentifier(current.expression) && current.expression.text === 'expect') return current;
      current = current.expression;
    } else if (ts.isPropertyAccessExpression(current)) current = current.expression;
    else if (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else return null;
  }
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current))
    current = current.expression;
  return current;
}

/** A value written out in full: a primitive, or an array or object of such (no spread, call or name). */
function isLiteral(expression: ts.Expression, literalNames: ReadonlySet<string> = new Set()): boolean {
  const node = unwrap(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined' || literalNames.has(node.text);
  if (
    ts.isStringLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isRegularExpressionLiteral(node)
  ) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) {
    return true;
  }
  if (ts.isPrefixUnaryExpression(node)) return isLiteral(node.operand, literalNames);
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((element) => isLiteral(element, literalNames));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((property) => ts.isPropertyAssignment(property) && isLiteral(property.initializer, literalNames));
  }
  return false;
}

/** Whether an identifier node reads a variable (not a property name, a key or a declaration's own name). */
function isVariableReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node) return false;
  if (ts.isVariableDeclaration(parent) && parent.name === node) return false;
  if ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === node) {
    return false;
  }
  if (ts.isParameter(parent) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent)) return false;
  return true;
}

/** Whether `node` declares `name` itself (a function's parameter or a block's variable), shadowing an outer one. */
function redeclares(node: ts.Node, name: string): boolean {
  const declaresName = (binding: ts.BindingName): boolean =>
    ts.isIdentifier(binding)
      ? binding.text === name
      : binding.elements.some((element) => !ts.isOmittedExpression(element) && declaresName(element.name));
  if (ts.isFunctionLike(node)) return node.parameters.some((parameter) => declaresName(parameter.name));
  if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const initializer = node.initializer;
    return (
      initializer !== undefined && ts.isVariableDeclarationList(initializer) && initializer.declarations.some((d) => declaresName(d.name))
    );
  }
  if (ts.isBlock(node) || ts.isSourceFile(node)) {
    return node.statements.some(
      (statement) =>
        ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => declaresName(declaration.name)),
    );
  }
  return false;
}

/** The reads of `name` in `scope`, leaving out nested scopes that declare a `name` of their own. */
function referencesIn(scope: ts.Node, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node) => {
    if (node !== scope && redeclares(node, name)) return;
    if (ts.isIdentifier(node) && node.text === name && isVariableReference(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(scope, visit);
  return found;
}

/** The assertion (the whole `expect(…)….matcher(…)` call) a node stands in, if any. */
function enclosingAssertion(node: ts.Node): ts.CallExpression | null {
  const chain = ts.findAncestor(node.parent, (ancestor) => ts.isCallExpression(ancestor) && expectCallOf(ancestor) !== null);
  if (!chain) return null;
  // Climb to the end of the chain: `expect(x)` → `expect(x).not` → `expect(x).not.toBe(1)`.
  let top = chain;
  while ((ts.isPropertyAccessExpression(top.parent) || ts.isCallExpression(top.parent)) && top.parent.expression === top) top = top.parent;
  return ts.isCallExpression(top) && top !== expectCallOf(top) ? top : null;
}

function matcherName(assertion: ts.CallExpression): string | null {
  return ts.isPropertyAccessExpression(assertion.expression) ? assertion.expression.name.text : null;
}

/** Every shape of a test that cannot fail in `source` (a test file's text), with its line. */
export function findHygieneProblems(source: string, fileName = 'test.ts'): HygieneProblem[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const problems: HygieneProblem[] = [];
  const report = (node: ts.Node, problem: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    problems.push({ line, problem, text: node.getText(file).split('\n')[0]!.trim() });
  };

  // Variables set to a literal, by the scope they are declared in (the arrange step of a test or a helper).
  const literalVariables: { name: string; scope: ts.Node }[] = [];

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SKIPPING.has(node.expression.name.text)) {
      const root = rootIdentifier(node.expression.expression, true);
      if (root && RUNNERS.has(root.text)) report(node, `a ${node.expression.name.text} test: it runs nothing or hides the rest`);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect') {
      const [subject] = node.arguments;
      const assertion = enclosingAssertion(node);
      // A literal checked against something computed (`expect(['a', 'b']).toContain(value)`) is a real check.
      if (subject && isLiteral(subject) && assertion?.arguments.every((argument) => isLiteral(argument))) {
        report(node, 'the assertion compares a literal with a literal');
      } else if (subject && rootIdentifier(subject) && assertion && EQUALITY_MATCHERS.has(matcherName(assertion) ?? '')) {
        const [expected] = assertion.arguments;
        if (expected && expected.getText(file) === subject.getText(file)) report(node, 'the assertion compares an expression with itself');
      }
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isLiteral(node.initializer)) {
      const scope = ts.findAncestor(node, (ancestor) => ts.isBlock(ancestor) || ts.isSourceFile(ancestor));
      if (scope) literalVariables.push({ name: node.name.text, scope });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  // Those the code under test never sees: passed on, changed or read anywhere but in an assertion, it may well fail.
  const onlyAsserted = literalVariables
    .map((variable) => ({ ...variable, references: referencesIn(variable.scope, variable.name) }))
    .filter(({ references }) => references.every((reference) => enclosingAssertion(reference) !== null));
  const literalNames = new Set(onlyAsserted.map((variable) => variable.name));
  for (const { name, references } of onlyAsserted) {
    for (const reference of references) {
      const assertion = enclosingAssertion(reference)!;
      const subject = expectCallOf(assertion.expression)?.arguments[0];
      const isSubject = subject !== undefined && rootIdentifier(subject) === reference;
      if (isSubject && assertion.arguments.every((argument) => isLiteral(argument, literalNames))) {
        report(assertion, `the assertion checks \`${name}\`, which the test set to a literal and never handed to the code under test`);
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}
