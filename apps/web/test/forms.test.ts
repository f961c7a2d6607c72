import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSWORD_PROBLEMS } from '@shequ/domain';
import { resources } from '@shequ/i18n';
import * as schemas from '@shequ/use-cases/schemas';

// Issue 12, "one Zod schema per input": every action parses its body through the schema that sits beside its use
// case (@shequ/use-cases/schemas), by way of the one helper module that reads posted fields; forms never let the
// browser speak (noValidate); and every message a schema can give exists in zh-CN and en.
const app = fileURLToPath(new URL('../app', import.meta.url));
const useCases = fileURLToPath(new URL('../../../packages/use-cases/src', import.meta.url));
const HELPER = 'lib/forms.server.ts';
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const files = walk(app).map((path) => ({ path, rel: relative(app, path), text: readFileSync(path, 'utf8') }));

/** Reading a body or a posted field by hand. */
const RAW_READS: [string, RegExp][] = [
  ['reads the body (request.formData/json/text)', /\b(request|req|clone\(\))\.(formData|json|text|arrayBuffer|blob)\(\)/],
  ['reads a posted field (formData.get / getAll / has / entries)', /\b\w*(form|Form|body|Body)\w*\.(get|getAll|has|entries|keys|values)\(/],
  ['turns a form into an object by hand', /Object\.fromEntries\(\s*(\w*(form|Form)\w*|\[\.\.\.\w*(form|Form))/],
  ['uses the raw form (requireMutation / readForm)', /\b(requireMutation|readForm)\(/],
];
/** The helpers that read a body with a schema (lib/forms.server.ts). */
const PARSES = /\b(requireSubmission|readSubmission|readSubmissionOrNull|requireSessionSubmission|parseSubmission)\(/;

describe('one Zod schema per input (issue 12)', () => {
  it('no module in apps/web/app reads a posted field or a body except the forms helper', () => {
    const found = files
      .filter((f) => f.rel !== HELPER)
      .flatMap((f) => RAW_READS.filter(([, re]) => f.text.split('\n').some((line) => re.test(line) && !/^\s*(\/\/|\*)/.test(line))).map(([what]) => `${f.rel}: ${what}`));
    expect(found).toEqual([]);
  });

  it('the check catches what it is meant to', () => {
    const hits = (code: string) => RAW_READS.filter(([, re]) => re.test(code)).length;
    expect(hits("const x = formData.get('name');")).toBe(1);
    expect(hits("const all = form.getAll('ids');")).toBe(1);
    expect(hits('const body = await request.formData();')).toBe(1);
    expect(hits('const body = await request.json();')).toBe(1);
    expect(hits('const v = Object.fromEntries(formData);')).toBe(1);
    expect(hits('const { formData } = await requireMutation(request);')).toBe(1);
    expect(hits("const q = url.searchParams.get('q');")).toBe(0);
  });

  it('every action parses its body through a schema from @shequ/use-cases/schemas', () => {
    const routes = files.filter((f) => f.rel.startsWith('routes/') && /export (async function|const) action\b/.test(f.text));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const byPath = new Map(files.map((f) => [f.path, f]));
    const problems = routes.flatMap((route) => {
      // The route and the server modules it delegates to (`*.server.ts` beside it or in another console).
      const helpers = [...route.text.matchAll(/from '(~\/routes\/[^']+\.server\.ts|\.\/[^']+\.server\.ts)'/g)].map((m) => byPath.get(m[1]!.startsWith('~/') ? join(app, m[1]!.slice(2)) : join(app, 'routes', route.rel.split('/').slice(1, -1).join('/'), m[1]!)));
      const texts = [route.text, ...helpers.filter((h) => h !== undefined).map((h) => h!.text)];
      const parses = texts.some((t) => PARSES.test(t));
      const schema = texts.some((t) => t.includes("from '@shequ/use-cases/schemas'"));
      return parses && schema ? [] : [`${route.rel}: ${parses ? 'no schema from @shequ/use-cases/schemas' : 'no parse through lib/forms.server.ts'}`];
    });
    expect(problems).toEqual([]);
  });

  it("the residents' fast lane parses with the wish form's schema", () => {
    const lane = files.find((f) => f.rel === 'fast-lane/intake.server.ts')!;
    expect(lane.text).toMatch(/parseFlatForm\([^;]*submitWishSchema\)/);
  });

  it('every form sets noValidate (no browser-native bubbles, which speak English)', () => {
    const missing = files.flatMap((f) =>
      [...f.text.matchAll(/<(Form|form)\b([\s\S]*?)>\s*\n/g)]
        .filter((m) => !/\bnoValidate\b|getFormProps\(/.test(m[2]!))
        .map((m) => `${f.rel}:${f.text.slice(0, m.index).split('\n').length}`),
    );
    expect(missing).toEqual([]);
  });

  // Issue 17 (found from outside): the wish wall's 记录为志愿服务时长 form sat in a <details> that closed again when its
  // refusal came back, so the message beside its field was never seen. A collapsible section holding a form opens
  // with the form's answer: its `open` is bound (to the reply that refused it), never left to the browser.
  it('every <details> that holds a form binds its open state (a refusal inside it is seen)', () => {
    const unbound = files.flatMap((f) => detailsWithoutOpen(f.text).map((line) => `${f.rel}:${line}`));
    expect(unbound).toEqual([]);
  });

  it('the details check catches what it is meant to', () => {
    expect(detailsWithoutOpen('<details className="p-2">\n<summary>x</summary>\n<PostForm>\n</PostForm>\n</details>')).toEqual([1]);
    expect(detailsWithoutOpen('<details open={refused(f) || undefined}>\n<PostForm>\n</PostForm>\n</details>')).toEqual([]);
    expect(detailsWithoutOpen('<details>\n<summary>a card</summary>\n<img />\n</details>')).toEqual([]);
  });
});

/** The lines of `<details>` elements that hold a form (PostForm, Form, form) and do not set `open`. */
function detailsWithoutOpen(text: string): number[] {
  return [...text.matchAll(/<details\b([^>]*)>/g)]
    .filter((m) => {
      const end = text.indexOf('</details>', m.index);
      const inside = text.slice(m.index, end === -1 ? undefined : end);
      return /<(PostForm|Form|form)\b/.test(inside) && !/\bopen[=\s>]|\bopen$/.test(m[1]!);
    })
    .map((m) => text.slice(0, m.index).split('\n').length);
}

const lookup = (locale: 'zh-CN' | 'en', key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[locale].translation);

describe("every schema's messages exist in zh-CN and en", () => {
  const schemaFiles = walk(useCases).filter((p) => p.endsWith('.schema.ts'));

  it('every *.schema.ts is exported by @shequ/use-cases/schemas', () => {
    const entry = readFileSync(join(useCases, 'schemas.ts'), 'utf8');
    expect(schemaFiles.length).toBeGreaterThanOrEqual(5);
    expect(schemaFiles.map((p) => `./${relative(useCases, p)}`).filter((p) => !entry.includes(`'${p}'`))).toEqual([]);
    expect(Object.keys(schemas).filter((k) => k.endsWith('Schema')).length).toBeGreaterThanOrEqual(schemaFiles.length);
  });

  it('every message key written in a schema, and every key the error map gives', () => {
    const keys = new Set<string>(schemas.VALIDATION_KEYS.map((k) => `validation.${k}`));
    for (const path of schemaFiles) {
      const text = readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(import|export \* from|\/\/|\*)/.test(line))
        .join('\n');
      // Message keys are quoted dotted names ('intake.content.required'); a template names the password problems.
      for (const m of text.matchAll(/'([a-zA-Z]\w*(?:\.\w+)+)'/g)) keys.add(m[1]!);
      for (const m of text.matchAll(/`([a-zA-Z]\w*(?:\.\w+)*)\.\$\{problem\}`/g)) for (const p of PASSWORD_PROBLEMS) keys.add(`${m[1]}.${p}`);
    }
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys].flatMap((key) => (['zh-CN', 'en'] as const).filter((l) => typeof lookup(l, key) !== 'string').map((l) => `${l} ${key}`));
    expect(missing).toEqual([]);
    // Chinese first: the zh-CN text is Chinese.
    expect([...keys].filter((k) => !/[\u4e00-\u9fff]/.test(String(lookup('zh-CN', k))))).toEqual([]);
  });

  it('the messages a schema gives at run time are such keys (an empty staff form, a bad wish)', () => {
    const seen = [
      schemas.submitWishSchema.safeParse({ content: ' ', mobile: '123', name: '张' }),
      schemas.signInSchema.safeParse({}),
      schemas.resetPasswordSchema.safeParse({ password: 'short', confirm: 'x' }),
      schemas.residentCaseActionSchema.safeParse({ intent: 'rate', rating: 9 }),
      schemas.trackLookupSchema.safeParse({ code: '?' }),
      schemas.residentPageFormSchema.safeParse({ intent: 'link', other: ' ', relation: '一二三四五六七八九十十' }),
      schemas.importResidentsFormSchema.safeParse({ intent: 'check' }),
      schemas.unitAccountsFormSchema.safeParse({ intent: 'invite', name: '', mobile: '123' }),
      schemas.forgotPasswordFormSchema.safeParse({ intent: 'reset', mobile: '13800000000', code: '12', password: 'long enough pass 1', confirm: 'other' }),
    ].flatMap((r) => (r.success ? ['accepted'] : r.error.issues.map((i) => i.message)));
    expect(seen.length).toBeGreaterThan(12);
    // The reset step's two passwords that differ are named beside the second, as on its own schema.
    expect(seen).toContain('reset.errors.mismatch');
    expect(seen).toContain('refusals.resident.import.empty');
    // A validator's message may carry its bound after `?` (validation.tooLongMax?max=10): the key before it has text.
    for (const message of seen) for (const l of ['zh-CN', 'en'] as const) expect(lookup(l, schemas.splitMessage(message).key), `${l} ${message}`).toEqual(expect.any(String));
  });
});
