import { describe, expect, it } from 'vitest';
import { readCookie, serializeCookie } from '~/lib/cookies.server.ts';

const withCookie = (header: string) => new Request('http://localhost/', { headers: { Cookie: header } });

describe('reading our cookies', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie(withCookie('a=1; lang=zh-CN; lt=1'), 'lang')).toBe('zh-CN');
    expect(readCookie(withCookie(serializeCookie('lang', '中文 a;b').split(';')[0]!), 'lang')).toBe('中文 a;b');
    expect(readCookie(withCookie('a=1'), 'lang')).toBeNull();
    expect(readCookie(new Request('http://localhost/'), 'lang')).toBeNull();
  });

  it('reads a value that does not decode as absent instead of throwing', () => {
    for (const broken of ['lang=%ff', 'lang=%E4', 'lang=%', 'lang=%zz']) expect(readCookie(withCookie(broken), 'lang'), broken).toBeNull();
  });
});
