import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from '~/components/ui/data-table.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Select } from '~/components/ui/select.tsx';
import { createI18n } from '~/lib/i18n.ts';
import { caseCode, errorTitle, pageTitle } from '~/lib/meta.ts';
import { takeToast, toastCookie, withToast } from '~/lib/toast.server.ts';

const render = (node: ReactNode, locale: 'zh-CN' | 'en' = 'zh-CN') => renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(locale) }, node));

type Row = { id: string; name: string; n: number };
const columns: Column<Row>[] = [
  { id: 'name', header: '名称', cell: (r) => r.name, sortValue: (r) => r.name },
  { id: 'n', header: '数量', cell: (r) => String(r.n), sortValue: (r) => r.n },
];
const bodyCells = (html: string, column: number) =>
  [...html.split('<tbody')[1]!.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1])[column]);

describe('DataTable', () => {
  it('shows the empty state instead of an empty table', () => {
    const html = render(createElement(DataTable<Row>, { rows: [], columns, rowKey: (r) => r.id, empty: '没有记录' }));
    expect(html).toContain('没有记录');
    expect(html).not.toContain('<table');
  });

  it('sorts by the initial column in Chinese (pinyin) order and labels every cell for the phone card layout', () => {
    const rows: Row[] = [
      { id: '1', name: '张三', n: 3 },
      { id: '2', name: '安宁', n: 1 },
      { id: '3', name: '李四', n: 2 },
    ];
    const html = render(createElement(DataTable<Row>, { rows, columns, rowKey: (r) => r.id, initialSort: { id: 'name' } }));
    expect(bodyCells(html, 0)).toEqual(['安宁', '李四', '张三']);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('data-label="数量"');
    const desc = render(createElement(DataTable<Row>, { rows, columns, rowKey: (r) => r.id, initialSort: { id: 'n', desc: true } }));
    expect(bodyCells(desc, 1)).toEqual(['3', '2', '1']);
  });

  it('renders one page of a few thousand rows, with a pager that counts them all', () => {
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), name: `社区${i}`, n: 5000 - i }));
    const html = render(createElement(DataTable<Row>, { rows, columns, rowKey: (r) => r.id, pageSize: 50, initialSort: { id: 'n' } }));
    expect(bodyCells(html, 1)).toHaveLength(50);
    expect(bodyCells(html, 1)[0]).toBe('1');
    expect(html).toContain('第 1 / 100 页，共 5000 条');
  });
});

describe('Field and Select', () => {
  it('wire label, hint and error to the control for screen readers', () => {
    const html = render(createElement(Field, { id: 'grid', label: '网格', hint: '选择楼栋所在网格', error: '请选择网格', children: createElement(Select, { name: 'grid', options: [{ value: 'a', label: '第一网格' }], placeholder: '全部' }) }));
    expect(html).toContain('for="grid"');
    expect(html).toMatch(/<select[^>]*id="grid"/);
    expect(html).toMatch(/aria-describedby="grid-hint grid-error"/);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain('<option value="">全部</option>');
  });
});

describe('toast after an action', () => {
  const requestWith = (cookie: string) => new Request('http://localhost/', { headers: { Cookie: cookie.split(';')[0]! } });

  it('round-trips a message through its cookie and clears it', () => {
    const { toast, clear } = takeToast(requestWith(toastCookie('calendarSaved', { year: 2027 })));
    expect(toast).toMatchObject({ key: 'calendarSaved', values: { year: 2027 } });
    expect(clear).toMatch(/^toast=; .*Max-Age=0/);
  });

  it('reads nothing (and clears) a cookie that is not ours', () => {
    expect(takeToast(requestWith('toast=%7Bnot-json'))).toEqual({ toast: null, clear: expect.stringContaining('Max-Age=0') });
    expect(takeToast(requestWith(`toast=${encodeURIComponent(JSON.stringify({ id: 'x', key: '<script>' }))}`)).toast).toBeNull();
    expect(takeToast(new Request('http://localhost/'))).toEqual({ toast: null, clear: null });
  });

  it('sets the cookie on an action result', () => {
    const result = withToast({ ok: true }, 'saved') as unknown as { init: ResponseInit };
    expect(new Headers(result.init.headers).get('Set-Cookie')).toMatch(/^toast=/);
  });
});

describe('page titles', () => {
  const matches = (locale: string) => [{ id: 'root', data: { locale } }];
  const title = (meta: ReturnType<typeof pageTitle>, locale: string, data: unknown = null) =>
    (meta({ matches: matches(locale), data } as never) as { title: string }[])[0]!.title;

  it('names the page in the user language, with the app name', () => {
    expect(title(pageTitle('qr.title'), 'zh-CN')).toBe('二维码 · 社区治理云');
    expect(title(pageTitle('qr.title'), 'en')).toMatch(/ · Community Governance Cloud$/);
  });

  it('puts a case page tracking code first', () => {
    expect(title(pageTitle('cases.inbox', caseCode), 'zh-CN', { case: { trackingCode: 'ABCDEFGHJK' } })).toBe('ABCDE-FGHJK · 微心愿 · 社区治理云');
  });
});

describe('error titles', () => {
  const matches = [{ id: 'root', data: { locale: 'zh-CN' } }];
  const title = (error: unknown) => (errorTitle({ matches, error } as never) as { title: string }[])[0]!.title;
  it('name a refused, a missing and a failed page', () => {
    expect(title({ status: 403 })).toBe('无权访问 · 社区治理云');
    expect(title({ status: 404 })).toBe('页面不存在 · 社区治理云');
    expect(title(new Error('x'))).toBe('出了点问题 · 社区治理云');
    expect(title(undefined)).toBe('社区治理云');
  });
});
