import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * Issue 12, checked from the source: one schema per input, used by Conform in the browser and by the use case on the
 * server. A form element (`<Form>`, `<PostForm>`, `<CommitteeForm>`, `<fetcher.Form>`) that holds a field a person
 * types or picks in (Input, Textarea, Select, DateInput, FileInput, a plain `<input>` other than hidden, a tick or a
 * radio button, or a `<select>`/`<textarea>`) carries the browser's check: Conform's `getFormProps(form)` (useSchemaForm)
 * or useReply's `check(form)`. Forms of buttons and hidden fields only (a row's step) need none: nothing typed can be
 * wrong. A GET form (filters) is read by the loader, which keeps what it understands.
 * A form that cannot be checked in the browser names its reason in UNCHECKED.
 */
const app = fileURLToPath(new URL('../app', import.meta.url));

/**
 * Forms with typed fields not checked in the browser, by key `file#data-testid` (or the form's place in its file),
 * with why the browser cannot check it (none today: the 65 forms written before this test were all made checked in
 * stop 31).
 */
const UNCHECKED: Record<string, string> = {};

const FORM_TAGS = new Set(['Form', 'PostForm', 'CommitteeForm', 'fetcher.Form']);
// Ticks and radio buttons are not typed: they choose among what the page offers (a radio starts chosen), so nothing
// chosen there can fail the schema; a select can (its empty 请选择).
const FIELD_TAGS = new Set(['Input', 'Textarea', 'Select', 'DateInput', 'MonthInput', 'FileInput', 'OneTimeCodeField', 'LocationField', 'ResidentPicker', 'select', 'textarea']);
const NOT_TYPED = new Set(['hidden', 'submit', 'button', 'checkbox', 'radio']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

const tagName = (node: ts.JsxOpeningLikeElement) => node.tagName.getText();
const attr = (node: ts.JsxOpeningLikeElement, name: string) => node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
const literal = (a: ts.JsxAttribute | undefined) => (a?.initializer && ts.isStringLiteral(a.initializer) ? a.initializer.text : undefined);

/** Whether an opening tag is a field a person types or chooses in. */
function isTypedField(node: ts.JsxOpeningLikeElement): boolean {
  const tag = tagName(node);
  if (FIELD_TAGS.has(tag)) return true;
  if (tag !== 'input') return false;
  const type = literal(attr(node, 'type'));
  return !NOT_TYPED.has(type ?? 'text');
}

/** Whether a form's opening tag carries the browser's check (`{...check(…)}` or `{...getFormProps(…)}`) or is a GET form. */
function isChecked(node: ts.JsxOpeningLikeElement): boolean {
  if ((literal(attr(node, 'method')) ?? '').toLowerCase() === 'get') return true;
  return node.attributes.properties.some((p) => ts.isJsxSpreadAttribute(p) && /^(\w+\.)?(check|getFormProps)\(/.test(p.expression.getText()));
}

type Found = { key: string; line: number };

/** The forms of a file that hold typed fields and are not checked in the browser. */
function uncheckedForms(path: string): Found[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Found[] = [];
  let index = 0;
  const hasField = (node: ts.Node): boolean => {
    if ((ts.isJsxSelfClosingElement(node) && isTypedField(node)) || (ts.isJsxElement(node) && isTypedField(node.openingElement))) return true;
    return ts.forEachChild(node, (child) => (hasField(child) ? true : undefined)) ?? false;
  };
  const visit = (node: ts.Node) => {
    const opening = ts.isJsxElement(node) ? node.openingElement : null;
    if (opening && FORM_TAGS.has(tagName(opening))) {
      index += 1;
      if ((node as ts.JsxElement).children.some((c) => hasField(c)) && !isChecked(opening)) {
        const testId = literal(attr(opening, 'data-testid'));
        out.push({ key: `${relative(app, path)}#${testId ?? index}`, line: source.getLineAndCharacterOfPosition(opening.getStart()).line + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('forms are checked in the browser with their schema (issue 12)', () => {
  const found = files(app).flatMap(uncheckedForms);

  it('every form with typed fields carries check(…) or getFormProps(…), or names why not', () => {
    const unexplained = found.filter((f) => !(f.key in UNCHECKED)).map((f) => `${f.key} (line ${f.line})`);
    expect(unexplained).toEqual([]);
  });

  it('UNCHECKED lists only forms that exist and are still unchecked', () => {
    const keys = new Set(found.map((f) => f.key));
    expect(Object.keys(UNCHECKED).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('finds an unchecked form with a typed field, and passes a checked one', () => {
    const probe = join(app, '..', 'test', 'support', 'unchecked-form.fixture.tsx');
    expect(uncheckedForms(probe).map((f) => f.key.split('#')[1])).toEqual(['unchecked']);
  });
});
