import { describe, expect, it } from 'vitest';
import { en } from '../src/en.ts';
import { pickLocale } from '../src/index.ts';
import { zhCN } from '../src/zh-CN.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('i18n', () => {
  it('English has exactly the keys of Chinese', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
  it('defaults to Chinese', () => {
    expect(pickLocale(null, null)).toBe('zh-CN');
    expect(pickLocale(null, 'fr-FR,en;q=0.5')).toBe('zh-CN');
    expect(pickLocale(null, 'en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLocale('xx', null)).toBe('zh-CN');
  });
  it('staff read the timeline in staff words: no entry addresses the resident as 您 (a reopened case is 居民申请重新办理)', () => {
    const staff = Object.entries(zhCN.cases.events);
    expect(staff.length).toBeGreaterThan(20);
    for (const [key, text] of staff) expect([key, text]).not.toEqual([key, expect.stringContaining('您')]);
    expect(zhCN.cases.events.reopen).toBe('居民申请重新办理');
    // Every entry a resident can meet has a staff wording too.
    expect(Object.keys(zhCN.cases.events).sort()).toEqual(Object.keys(zhCN.resident.events).sort());
  });
  it('sections ({{#x}}…{{/x}}) only in notification texts, which fillTemplate renders; i18next would print them as they are (found from outside: 补贴 6.00 元{{#category}}，高龄{{/category}} on the meal counter)', () => {
    const strings = (obj: object, prefix = ''): [string, string][] =>
      Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? strings(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
    for (const messages of [zhCN, en]) {
      const all = strings(messages);
      expect(all.filter(([key]) => key.startsWith('notify.')).some(([, text]) => text.includes('{{#'))).toBe(true);
      const outside = all.filter(([key, text]) => !key.startsWith('notify.') && /\{\{[#/^]/.test(text)).map(([key]) => key);
      expect(outside).toEqual([]);
    }
  });
});
