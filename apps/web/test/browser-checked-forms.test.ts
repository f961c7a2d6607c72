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
 * Forms with typed fields not checked in the browser, by key `file#data-testid` (or the form's place in its file;
 * `#wrapper:<Component>` for a form that draws its caller's fields), with why the browser cannot check it.
 */
const UNCHECKED: Record<string, string> = {};

const FORM_TAGS = new Set(['Form', 'PostForm', 'CommitteeForm', 'FoldedForm', 'fetcher.Form']);
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
  // A form that draws its caller's fields (`{children}`): a wrapper such as a page's folded form. Its fields are not
  // in this file, so it is checked here itself, or passes its props through (a spread) and is listed in FORM_TAGS, so
  // that every use of it is checked where the fields are written.
  const holdsChildren = (node: ts.JsxElement) => node.children.some((c) => ts.isJsxExpression(c) && c.expression?.getText() === 'children');
  const spreadsProps = (node: ts.JsxOpeningLikeElement) => node.attributes.properties.some((p) => ts.isJsxSpreadAttribute(p));
  const componentOf = (node: ts.Node): string | null => {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    }
    return null;
  };
  const visit = (node: ts.Node) => {
    const opening = ts.isJsxElement(node) ? node.openingElement : null;
    if (opening && FORM_TAGS.has(tagName(opening))) {
      index += 1;
      const wrapper = holdsChildren(node as ts.JsxElement) && !isChecked(opening) && !(spreadsProps(opening) && FORM_TAGS.has(componentOf(node) ?? ''));
      if (wrapper) out.push({ key: `${relative(app, path)}#wrapper:${componentOf(node) ?? index}`, line: source.getLineAndCharacterOfPosition(opening.getStart()).line + 1 });
      else if ((node as ts.JsxElement).children.some((c) => hasField(c)) && !isChecked(opening)) {
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

  it('finds an unchecked form with a typed field and an unchecked wrapper, and passes a checked one', () => {
    const probe = join(app, '..', 'test', 'support', 'unchecked-form.fixture.tsx');
    expect(uncheckedForms(probe).map((f) => f.key.split('#')[1])).toEqual(['unchecked', 'wrapper:Wrapper']);
  });
});
