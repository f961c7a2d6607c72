import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, resources } from '@shequ/i18n';
import { AUDIT_ACTIONS } from '@shequ/use-cases';

const root = fileURLToPath(new URL('../../..', import.meta.url));
type Tree = { [key: string]: string | Tree };
const labels = (locale: (typeof LOCALES)[number]) => (resources[locale].translation as unknown as { auditLog: { actions: Tree } }).auditLog.actions;

/** The source files of the apps and packages (tests and dependencies left out). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', 'build', 'dist', 'test', '.cache'].includes(name)) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

// Issue 16: the audit log showed resident_registered, reveal_resident… as raw keys beside Chinese labels.
describe('audit actions (issue 16): every action the code writes has a label in zh-CN and en', () => {
  it('each of AUDIT_ACTIONS has a Chinese zh-CN label and an en label', () => {
    for (const locale of LOCALES) {
      const missing = AUDIT_ACTIONS.filter((a) => typeof labels(locale)[a] !== 'string');
      expect(missing, `audit actions without a ${locale} label`).toEqual([]);
    }
    const notChinese = AUDIT_ACTIONS.filter((a) => !/[\u4e00-\u9fff]/.test(String(labels('zh-CN')[a])));
    expect(notChinese).toEqual([]);
  });

  it('every action written to the audit log anywhere in the code is one of AUDIT_ACTIONS', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    const unknown: string[] = [];
    let writes = 0;
    for (const file of [...sources(join(root, 'packages')), ...sources(join(root, 'apps'))]) {
      const text = readFileSync(file, 'utf8');
      // Each write: recordAuditEvent(…), auditAccountAct(…) or an insert into auditEvents, with its action a few
      // hundred characters on; literal and template-literal actions both counted (a template's stem must be known), a
      // compared value (status === 'suspended' ? …) not being one.
      for (const call of text.matchAll(/(recordAuditEvent\(tx|auditAccountAct\(tx|insert\(auditEvents\))/g)) {
        const window = text.slice(call.index, call.index + 600);
        const action = /action:\s*([^,}]+)/.exec(window);
        if (!action) continue;
        writes++;
        for (const lit of action[1]!.matchAll(/(?<!===\s*)'([a-z_]+)'/g)) if (!known.has(lit[1]!)) unknown.push(`${relative(root, file)}: ${lit[1]}`);
        for (const tpl of action[1]!.matchAll(/`([a-z_]+)\$\{/g)) if (!AUDIT_ACTIONS.some((a) => a.startsWith(tpl[1]!))) unknown.push(`${relative(root, file)}: ${tpl[1]}…`);
      }
    }
    expect(writes).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });

  it('no label under auditLog.actions is left without an action', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    for (const locale of LOCALES) expect(Object.keys(labels(locale)).filter((k) => !known.has(k))).toEqual([]);
  });
});
