import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { submitWishSchema } from '@shequ/use-cases/schemas';
import { parseSubmission } from '~/lib/forms.server.ts';
import { z } from '~/lib/validation.ts';

const UUID = '0b9c5b8e-1d2a-4c3e-9f00-1a2b3c4d5e6f';

/** parseSubmission builds each schema's form coercion once (forms.server.ts) instead of on every request. */
describe('parseSubmission: the form coercion made once per schema', () => {
  const schema = z.object({ count: z.number().int().min(2), note: z.string().optional(), agreed: z.boolean().optional(), day: z.date().optional() });

  it('coerces form text as parseWithZod does: numbers, booleans, dates, empty strings to nothing', () => {
    const form = new URLSearchParams({ count: '3', note: '', agreed: 'on', day: '2026-11-30' });
    const ours = parseSubmission(form, schema);
    const theirs = parseWithZod(form, { schema });
    expect(ours.status).toBe('success');
    if (ours.status !== 'success' || theirs.status !== 'success') throw new Error('not parsed');
    expect(ours.value).toEqual(theirs.value);
    expect(ours.value).toEqual({ count: 3, agreed: true, day: new Date('2026-11-30') });
  });

  it('gives the same answers on every call with the same schema, refusals included (nothing cached but the coercion)', () => {
    const good = new URLSearchParams({ categoryId: UUID, content: '楼道灯坏了，晚上看不见' });
    const bad = new URLSearchParams({ categoryId: 'x', content: '' });
    for (let i = 0; i < 3; i++) {
      const ok = parseSubmission(good, submitWishSchema);
      expect(ok.status).toBe('success');
      if (ok.status === 'success') expect(ok.value.content).toBe('楼道灯坏了，晚上看不见');
      const refused = parseSubmission(bad, submitWishSchema);
      if (refused.status !== 'error') throw new Error('a form without a category or content was accepted');
      expect(Object.keys(refused.error ?? {}).sort()).toEqual(['categoryId', 'content']);
    }
    expect(parseSubmission(new URLSearchParams({ count: '1' }), schema).status).toBe('error');
  });
});
