import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { schemas, SCHEMA_BASE } from '@tessera/metadata';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['core/src', 'runtime/src', 'designer/src'];
/** Where field type names may be spelled out: the type files and the registry. */
const ALLOWED = [/^core\/src\/fields\/types\//, /^core\/src\/fields\/builtins\.ts$/, /\.test\.tsx?$/];

/** The field type names, read from the metadata schemas so this test does not trust the registry it guards. */
const FIELD_TYPE_NAMES = new Set(
  schemas.map((s) => String(s.$id)).filter((id) => id.startsWith(`${SCHEMA_BASE}field-types/`))
    .map((id) => id.slice(`${SCHEMA_BASE}field-types/`.length, -'.schema.json'.length)),
);

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

const typeName = (node: ts.Node): string | undefined =>
  ts.isStringLiteralLike(node) && FIELD_TYPE_NAMES.has(node.text) ? node.text : undefined;

// `kind === 'text'` or `approver === 'user'` are other vocabularies that share words with field types; only an
// expression named like a type is a switch on field types. SQL types (sqlType === 'boolean') are not field types.
const namesAType = (node: ts.Expression, file: ts.SourceFile): boolean => {
  const text = node.getText(file);
  return /[tT]ype$/.test(text) && !/[sS]qlType$/.test(text) && !ts.isTypeOfExpression(node);
};

// A union of literals with a member that is no field type (a formula's 'number') is another vocabulary named "type".
const otherVocabulary = (node: ts.Expression, checker: ts.TypeChecker): boolean => {
  const type = checker.getTypeAtLocation(node);
  const members = type.isUnion() ? type.types : [type];
  return members.every((m) => m.isStringLiteral()) && members.some((m) => m.isStringLiteral() && !FIELD_TYPE_NAMES.has(m.value));
};

/** Every place in a source file that branches on a field type name, as "file:line: what". */
export function findTypeSwitches(file: ts.SourceFile, checker: ts.TypeChecker, name = file.fileName): string[] {
  const found: string[] = [];
  const suspect = (node: ts.Expression) => namesAType(node, file) && !otherVocabulary(node, checker);
  const report = (node: ts.Node, what: string) =>
    found.push(`${name}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCaseClause(node) && typeName(node.expression) && suspect(node.parent.parent.expression)) {
      report(node, `case '${typeName(node.expression)}'`);
    }
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind)) {
      for (const [literal, other] of [[node.left, node.right], [node.right, node.left]] as const) {
        if (typeName(literal) && suspect(other)) report(node, node.getText(file));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A type-checked program over files, with the repository's compiler options. */
function program(files: readonly string[]): ts.Program {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(files, { ...options, noEmit: true });
}

/** The switches found in files, named relative to the repository. */
function scan(files: readonly string[]): string[] {
  const checked = program(files);
  const checker = checked.getTypeChecker();
  return files.flatMap((path) =>
    findTypeSwitches(checked.getSourceFile(path)!, checker, relative(ROOT, path).split(sep).join('/')));
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

test('the field type names were found', () => {
  expect([...FIELD_TYPE_NAMES]).toEqual(expect.arrayContaining(['text', 'lookup', 'masterDetail', 'formula']));
});

test('the scanner flags type switches and comparisons, and leaves other vocabularies alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'no-type-switch-'));
  try {
    const offending = join(dir, 'offending.ts');
    writeFileSync(offending, [
      'declare const field: { type: string; definition: { resultType: string } };',
      "switch (field.type) {\n  case 'lookup': break;\n}",
      "if (field.type === 'masterDetail') {}",
      "export const isText = (fieldType: 'text' | 'lookup') => 'text' !== fieldType;",
      "if (field.definition.resultType == 'currency') {}",
    ].join('\n'));
    const fine = join(dir, 'fine.ts');
    writeFileSync(fine, [
      "type FormulaType = 'number' | 'text';",
      'declare const kind: string; declare const type: FormulaType; declare const spec: { sqlType: string };',
      "switch (kind) { case 'text': break; }",
      "if (type === 'text') {}",
      "if (typeof type === 'boolean') {}",
      "if (spec.sqlType === 'date') {}",
      "export const widgets = { text: 'text', lookup: 'lookup' };",
    ].join('\n'));
    expect(scan([offending, fine]).map((line) => line.replace(/^.*\//, ''))).toEqual([
      "offending.ts:3: case 'lookup'",
      "offending.ts:5: field.type === 'masterDetail'",
      "offending.ts:6: 'text' !== fieldType",
      "offending.ts:7: field.definition.resultType == 'currency'",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no code outside the field registry switches on field type names', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .filter((path) => !ALLOWED.some((pattern) => pattern.test(relative(ROOT, path).split(sep).join('/'))));
  expect(files.length).toBeGreaterThan(10);
  expect(scan(files)).toEqual([]);
});
