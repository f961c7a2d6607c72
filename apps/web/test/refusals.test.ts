import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, resources } from '@shequ/i18n';
import { REFUSAL_CODES, REFUSAL_KINDS, REFUSALS, UseCaseError } from '@shequ/use-cases';
import { describeRefusal, REFUSAL_STATUS, storedRefusalMessage } from '~/lib/refusal.server.ts';

type Tree = { [key: string]: string | Tree };
const lookup = (tree: Tree, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);
const leaves = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));

describe('typed refusals (issue 12): every code a feature declares has a message and a status', () => {
  it('every declared refusal code has a message in zh-CN (Chinese) and in en', () => {
    expect(REFUSAL_CODES.length).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      const missing = REFUSAL_CODES.filter((code) => typeof lookup(resources[locale].translation as unknown as Tree, `refusals.${code}`) !== 'string');
      expect(missing, `codes without a ${locale} message`).toEqual([]);
    }
    const notChinese = REFUSAL_CODES.filter((code) => !/[\u4e00-\u9fff]/.test(String(lookup(resources['zh-CN'].translation as unknown as Tree, `refusals.${code}`))));
    expect(notChinese, 'zh-CN messages without Chinese').toEqual([]);
  });

  it('no message under refusals. is left without a code', () => {
    const declared = new Set<string>(REFUSAL_CODES);
    for (const locale of LOCALES) {
      const orphans = leaves((resources[locale].translation as unknown as { refusals: Tree }).refusals).filter((key) => !declared.has(key));
      expect(orphans, `${locale} messages for no code`).toEqual([]);
    }
  });

  it('each code is declared once, by one feature, under one kind', () => {
    const all = Object.values(REFUSALS).flatMap((list) => REFUSAL_KINDS.flatMap((kind) => [...((list as Record<string, readonly string[] | undefined>)[kind] ?? [])]));
    expect(all.length).toBe(new Set(all).size);
  });

  it('the helper answers each kind with its status and the message key of the code', () => {
    expect(describeRefusal(new UseCaseError('case.notFound'))).toMatchObject({ message: 'refusals.case.notFound', status: 404, field: null });
    expect(describeRefusal(new UseCaseError('case.conflict')).status).toBe(409);
    expect(describeRefusal(new UseCaseError('account.outOfReach')).status).toBe(403);
    expect(describeRefusal(new UseCaseError('grid.buildingNames.tooMany', { field: 'name', max: 200 }))).toMatchObject({ message: 'refusals.grid.buildingNames.tooMany', status: 422, field: 'name', params: { max: 200 } });
    expect(describeRefusal(new UseCaseError('bulkImport.queueDown')).status).toBe(503);
    expect(describeRefusal(new UseCaseError('auth.invalidCredentials')).status).toBe(401);
    expect(Object.keys(REFUSAL_STATUS).sort()).toEqual([...REFUSAL_KINDS].sort());
  });

  it("the residents' register, unit accounts and reset by code answer like every other feature", () => {
    expect(describeRefusal(new UseCaseError('resident.mobile.invalid', { field: 'mobile' }))).toMatchObject({ message: 'refusals.resident.mobile.invalid', status: 422, field: 'mobile' });
    expect(describeRefusal(new UseCaseError('resident.notFound')).status).toBe(404);
    expect(describeRefusal(new UseCaseError('resident.duplicate.mobile', { field: 'mobile' })).status).toBe(409);
    expect(describeRefusal(new UseCaseError('resident.contactUnreadable')).status).toBe(503);
    expect(describeRefusal(new UseCaseError('accounts.unitNotFound')).status).toBe(404);
    expect(describeRefusal(new UseCaseError('accounts.lastAdmin'))).toMatchObject({ message: 'refusals.accounts.lastAdmin', status: 409 });
    expect(describeRefusal(new UseCaseError('accounts.role.invalid', { field: 'role' }))).toMatchObject({ status: 422, field: 'role' });
    expect(describeRefusal(new UseCaseError('resetCode.tooSoon'))).toMatchObject({ message: 'refusals.resetCode.tooSoon', status: 429 });
    // Every feature's list is in REFUSALS: no list of codes kept apart any more.
    expect(Object.keys(REFUSALS)).toEqual(expect.arrayContaining(['residents', 'accounts', 'auth']));
  });

  it('a code kept as text (an import row) finds its message; an unknown one finds none', () => {
    expect(storedRefusalMessage('onboarding.slug.taken')).toBe('refusals.onboarding.slug.taken');
    expect(storedRefusalMessage('onboarding.gone')).toBeNull();
    expect(storedRefusalMessage(null)).toBeNull();
  });
});

describe('refusals come from use cases', () => {
  it('no module of the web app makes a refusal itself (it shows the use cases\' through describeRefusal)', () => {
    const app = fileURLToPath(new URL('../app', import.meta.url));
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));
    const files = walk(app);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => /new UseCaseError\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(app, f))).toEqual([]);
  });
});
