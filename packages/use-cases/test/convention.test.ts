import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Decision 028, checked from the source (issue 12): the package root exports use cases, one exported verb-noun use
 * case per file, all with one signature.
 * - A use-case module is a file `src/index.ts` re-exports; its use cases are the exported functions whose first
 *   parameter is the transaction (`tx`, or `db` for those that commit in stages).
 * - One per file, named after the file (`grids/create-grid.ts` exports `createGrid`).
 * - Parameters `(tx | db, caller, input)`, optionally followed by the clock `now` (tests pass their own moment). The
 *   caller and the input may be destructured (`{ ability }`) or unused (`_caller`, `_input`).
 * Files written before the decision are listed in OLDER; the list may only shrink: a listed file that now keeps the
 * convention fails the test until it is taken off the list, and a file not listed that breaks it fails too.
 */
const src = fileURLToPath(new URL('../src', import.meta.url));

/** Modules written before the decision that still break it (run the test to see what is off in each). Shrink it; never grow it. */
const OLDER: readonly string[] = [
  // Empty since stop 30 (issue 12: 64 → 44 → 15 → 0): every module the root exports keeps the convention. The last
  // ones were split one use case a file (the volunteers' certificates, recognitions and wish wall; the partner units
  // and posts; the care app's pack, need, edit and conflicts; 我的's meal, school and services sections), took the
  // caller and input like every use case (submitCase, recordVisit, fileCareNeed, listMy*(tx, caller, input, now)),
  // or left the root for entry points of their own (the deadline engine: `@shequ/use-cases/deadlines`; the meal
  // station's building blocks, whose callers' types and card code have modules of their own).
];

type Exported = { name: string; params: string[] };

/** The exported functions of a module's source whose first parameter is the transaction (`tx` or `db`). */
function useCasesIn(fileName: string, text: string): Exported[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Exported[] = [];
  for (const st of sf.statements) {
    if (!ts.canHaveModifiers(st) || !ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const fns: { name: string; fn: ts.SignatureDeclarationBase }[] = [];
    if (ts.isFunctionDeclaration(st) && st.name) fns.push({ name: st.name.text, fn: st });
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) fns.push({ name: d.name.getText(sf), fn: d.initializer });
    for (const { name, fn } of fns) {
      const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '{}'));
      if (params[0] === 'tx' || params[0] === 'db') found.push({ name, params });
    }
  }
  return found;
}

const camel = (file: string) => basename(file, '.ts').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const CALLER = /^(caller|_caller|\{\})$/;
const INPUT = /^(input|_input|\{\})$/;

/** What breaks the convention in one module ('' when nothing does). */
function conventionProblems(file: string, text: string): string {
  const cases = useCasesIn(file, text);
  const problems: string[] = [];
  if (cases.length > 1) problems.push(`${cases.length} use cases (${cases.map((c) => c.name).join(', ')})`);
  else if (cases.length === 1 && cases[0]!.name !== camel(file)) problems.push(`${cases[0]!.name} is not named after the file`);
  for (const c of cases) {
    const [, caller, input, now, ...more] = c.params;
    const ok = caller !== undefined && CALLER.test(caller) && (input === undefined || INPUT.test(input)) && (now === undefined || now === 'now') && more.length === 0;
    if (!ok) problems.push(`${c.name}(${c.params.join(', ')})`);
  }
  return problems.join('; ');
}

/** The modules the package root re-exports. */
function rootModules(): string[] {
  const index = readFileSync(join(src, 'index.ts'), 'utf8');
  return [...index.matchAll(/^export (?:\*|\{[^}]*\}) from '\.\/([^']+)';$/gm)].map((m) => m[1]!);
}

describe('one use case per file, one signature (decision 028)', () => {
  const modules = rootModules();

  it('reads the package root', () => {
    expect(modules.length).toBeGreaterThan(100);
  });

  const problems = Object.fromEntries(modules.map((file) => [file, conventionProblems(file, readFileSync(join(src, file), 'utf8'))]).filter(([, p]) => p));

  it('every module the root exports keeps the convention, unless it is an older one listed in OLDER', () => {
    expect(Object.fromEntries(Object.entries(problems).filter(([file]) => !OLDER.includes(file)))).toEqual({});
  });

  it('OLDER only shrinks: a listed module that now keeps the convention is taken off the list', () => {
    expect(OLDER.filter((file) => !(file in problems))).toEqual([]);
  });

  it('OLDER names only files that exist and that the root exports', () => {
    expect(OLDER.filter((f) => !existsSync(join(src, f)) || !modules.includes(f))).toEqual([]);
  });

  it('the check catches what it is meant to', () => {
    const one = (code: string, file = 'grids/create-grid.ts') => conventionProblems(file, code);
    expect(one('export async function createGrid(tx: Tx, caller: StaffCaller, input: GridInput) {}')).toBe('');
    expect(one('export async function createGrid(tx: Tx, caller: StaffCaller, input: I, now = new Date()) {}')).toBe('');
    expect(one('export async function createGrid(tx: Tx, { ability }: StaffCaller, _input: I) {}')).toBe('');
    expect(one('export const createGrid = async (db: Db, _caller: C, input: I) => {};')).toBe('');
    expect(one('export async function createGrid(tx: Tx, ability: AppAbility, tenantId: string, input: I) {}')).toBe('createGrid(tx, ability, tenantId, input)');
    expect(one('export async function makeGrid(tx: Tx, caller: C, input: I) {}')).toBe('makeGrid is not named after the file');
    expect(one('export async function createGrid(tx: Tx, caller: C, input: I) {}\nexport async function updateGrid(tx: Tx, caller: C, input: I) {}')).toBe('2 use cases (createGrid, updateGrid)');
    expect(one('export async function createGrid(tx: Tx, caller: C, input: I, deps: D) {}')).toBe('createGrid(tx, caller, input, deps)');
    // Pure helpers (no transaction first) are not use cases.
    expect(one('export function gridCode(tenantId: string) {}\nexport async function createGrid(tx: Tx, caller: C, input: I) {}')).toBe('');
  });
});
