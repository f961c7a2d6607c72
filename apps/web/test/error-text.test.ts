import { describe, expect, it } from 'vitest';
import { messageKeyFor } from '~/lib/error-text.ts';
import { createI18n } from '~/lib/i18n.ts';

// Stop 31's review: the browser's check showed the care rules page's hint ("距周期结束不足 {{days}} 天…", days blank)
// for a schema's refusal code that is also a hint's key; the server said the refusal.
describe('the words of a validator’s message', () => {
  const i18n = createI18n('zh-CN');
  it('reads a refusal code under refusals. first, even when the bare key is another text', () => {
    expect(messageKeyFor(i18n, 'care.rules.dueSoon')).toBe('refusals.care.rules.dueSoon');
    expect(i18n.t(messageKeyFor(i18n, 'care.rules.dueSoon')! as 'refusals.care.rules.dueSoon')).toBe('“即将到期”天数须为 0–30 的整数');
  });
  it('keeps a key that is a message already, and finds none for a group of keys or an unknown key', () => {
    expect(messageKeyFor(i18n, 'validation.invalid')).toBe('validation.invalid');
    expect(messageKeyFor(i18n, 'refusals.care.rules.dueSoon')).toBe('refusals.care.rules.dueSoon');
    expect(messageKeyFor(i18n, 'care.rules')).toBeNull();
    expect(messageKeyFor(i18n, 'Expected string, received number')).toBeNull();
  });
});
