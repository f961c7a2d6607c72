import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { resources } from '@shequ/i18n';
import { submitWishSchema as intakeSchema } from '@shequ/use-cases/schemas';
import { VALIDATION_KEYS, z } from '~/lib/validation.ts';

const UUID = '0b9c5b8e-1d2a-4c3e-9f00-1a2b3c4d5e6f';
const lookup = (locale: 'zh-CN' | 'en', key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[locale].translation);

describe('no validator message reaches a user untranslated (issue 15)', () => {
  it('a category posted twice gets a Chinese message, not "Expected string, received array"', () => {
    const form = new FormData();
    form.append('categoryId', UUID);
    form.append('categoryId', UUID);
    form.append('content', '楼道灯坏了');
    const submission = parseWithZod(form, { schema: intakeSchema });
    if (submission.status === 'success') throw new Error('a category sent twice was accepted');
    const message = submission.error?.categoryId?.[0];
    expect(message).toBe('validation.single');
    expect(lookup('zh-CN', message!)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every kind of issue a schema does not word itself becomes a key with zh-CN and en text', () => {
    const schema = z.object({
      text: z.string().max(3),
      required: z.string().min(1),
      count: z.number().int().min(2).max(5),
      kind: z.enum(['a', 'b']),
      literal: z.literal('x'),
      list: z.array(z.string()).max(1),
      day: z.date(),
      union: z.union([z.number(), z.boolean()]),
      checked: z.string().refine(() => false),
    });
    const result = schema.safeParse({ text: 'long text', required: '', count: 1.5, kind: 'c', literal: 'y', list: ['1', '2'], day: new Date('nope'), union: 'u', checked: 'x' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages.length).toBeGreaterThanOrEqual(9);
    for (const message of messages) {
      expect(message, message).toMatch(/^validation\./);
      expect(lookup('zh-CN', message), message).toEqual(expect.any(String));
      expect(lookup('en', message), message).toEqual(expect.any(String));
    }
    // And every key the map can give exists in both languages.
    for (const key of VALIDATION_KEYS) for (const locale of ['zh-CN', 'en'] as const) expect(lookup(locale, `validation.${key}`), `${locale} ${key}`).toEqual(expect.any(String));
  });

  it('messages a schema words itself are kept', () => {
    const result = intakeSchema.safeParse({ categoryId: 'x', content: '' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['intake.category.invalid', 'intake.content.required']));
  });
});
