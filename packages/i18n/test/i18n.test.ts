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
});
