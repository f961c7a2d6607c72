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
