import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataField, pageTitle } from '~/lib/meta.ts';

// Issue 12 (found from outside): every meeting page was titled "协商会议 · 社区治理云", every decision "决议 · …", and so
// on for teams, shifts and courses, so two open tabs could not be told apart. An entity page's title names its item.
type Meta = (args: { matches: { id: string; data?: unknown }[]; data: unknown }) => { title: string }[];
const run = (meta: unknown, data: unknown) => (meta as Meta)({ matches: [{ id: 'root', data: { locale: 'zh-CN' } }], data })[0]!.title;

describe('page titles from loader data', () => {
  it('two meetings have different titles, each naming its topic', () => {
    const meta = pageTitle('committee.meeting.title', dataField('meeting.topic'));
    const a = run(meta, { meeting: { topic: '加装电梯' } });
    const b = run(meta, { meeting: { topic: '停车收费' } });
    expect(a).toBe('加装电梯 · 协商会议 · 社区治理云');
    expect(b).toBe('停车收费 · 协商会议 · 社区治理云');
  });

  it('two courses have different titles, each naming its course', () => {
    const meta = pageTitle('school.detail.enrolments', dataField('course.title'));
    const page = run(meta, undefined);
    expect(run(meta, { course: { title: '书法班' } })).toBe(`书法班 · ${page}`);
    expect(run(meta, { course: { title: '太极班' } })).toBe(`太极班 · ${page}`);
  });

  it('without the field (an error page, an empty name) the title is the page name alone', () => {
    const meta = pageTitle('committee.decision.title', dataField('decision.title'));
    expect(run(meta, undefined)).toBe('决议 · 社区治理云');
    expect(run(meta, { decision: { title: '  ' } })).toBe('决议 · 社区治理云');
  });
});

describe('a title’s own blanks filled from the page’s data', () => {
  it('the officers’ overview is their unit’s workspace, not a bare 概览', () => {
    const meta = pageTitle('console.org.title', null, (d) => ({ unit: (d as { unit: string }).unit }));
    expect(run(meta, { unit: '金源街道' })).toBe('金源街道工作台 · 社区治理云');
    expect(run(meta, undefined)).toBe('工作台 · 社区治理云');
  });
});

/*
 * Issue 12, checked from the source: every page has its own <title> naming its item. A page of one item (a route with
 * an id or a code in its address: a case, an import, a community's figures, a certificate) adds the item's name from
 * its data (pageTitle's `detail`: dataField, caseCode, or a function); and within one console no two pages without
 * such a detail share a title (the officers' comparison and a community's drill-down were both "数据看板 · 社区治理云",
 * two bulk imports both "批量开通 · 社区治理云", the officers' home a bare "概览").
 */
const routes = fileURLToPath(new URL('../app/routes', import.meta.url));
const pages = readdirSync(routes, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.tsx'))
  .map((f) => ({ file: f, source: readFileSync(join(routes, f), 'utf8') }))
  .filter((p) => /export default/.test(p.source));
const metaOf = (source: string) => /export const meta(?::\s*\w+)? = (pageTitle\((.*)\));/.exec(source);

describe('every page’s title names it (issue 12)', () => {
  it('a page of one item names the item in its title', () => {
    const unnamed = pages
      .filter((p) => /\$\w*(Id|code)\b/.test(p.file))
      .filter((p) => {
        const m = metaOf(p.source);
        return !m || !/^'[\w.]+', (?!null\b)\S/.test(m[2]!);
      })
      .map((p) => p.file);
    expect(unnamed).toEqual([]);
  });

  it('within a console, no two pages share a title', () => {
    const byConsole = new Map<string, Map<string, string[]>>();
    for (const p of pages) {
      const console = /^(community|org|operator)\+/.exec(p.file)?.[1];
      const m = metaOf(p.source);
      if (!console || !m) continue;
      const titles = byConsole.get(console) ?? new Map<string, string[]>();
      titles.set(m[1]!, [...(titles.get(m[1]!) ?? []), p.file]);
      byConsole.set(console, titles);
    }
    const shared = [...byConsole.values()].flatMap((titles) => [...titles.entries()].filter(([, files]) => files.length > 1).map(([title, files]) => `${title}: ${files.join(', ')}`));
    expect(shared).toEqual([]);
  });
});
