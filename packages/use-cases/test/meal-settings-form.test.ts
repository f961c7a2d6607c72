import { describe, expect, it } from 'vitest';
import { mealSettingsFormSchema, parseMenuRule, saveDishSchema } from '../src/schemas.ts';

// The meal settings page's dish and sitting forms (issue 19), as an outside trial typed them: every refusal names its
// field with a message the page shows beside it; nothing reaches the use case to fail there as a 500.
const sitting = { intent: 'sitting', meal: 'lunch', name: '午餐', capacity: '100', price: '15', cutoffDaysBefore: '1', cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '12:30' };
const problems = (input: Record<string, unknown>) => {
  const r = mealSettingsFormSchema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))];
};

describe('the meal settings forms', () => {
  it('refuse dish tags that are symbols or emoji, too many or too long, beside the tags field', () => {
    expect(problems({ intent: 'dish', name: '红烧肉', tags: '荤 低盐' })).toEqual([]);
    for (const tags of ['主食 😀 软食', '荤 <b>', '荤 '.repeat(13), '十三个字的标签名称太长了吧', '荤 '.repeat(2500)])
      expect(problems({ intent: 'dish', name: '测试菜', tags }), tags.slice(0, 20)).toEqual(['tags: refusals.meal.dish.tags.invalid']);
    // The use case's own schema holds the same rule (a job or a script calling saveDish).
    expect(saveDishSchema.safeParse({ name: '菜', tags: ['😀'] }).success).toBe(false);
    expect(saveDishSchema.safeParse({ name: '菜', tags: Array.from({ length: 13 }, (_, i) => `标签${i}`) }).success).toBe(false);
  });

  it('refuse a dish name of 5,000 characters or of spaces, beside the name field', () => {
    expect(problems({ intent: 'dish', name: '菜'.repeat(5000), tags: '' })).toEqual(['name: refusals.meal.dish.name.invalid']);
    expect(problems({ intent: 'dish', name: '   ', tags: '' })).toEqual(['name: refusals.meal.dish.name.invalid']);
  });

  it('refuse a menu rule that is not tag-and-count words, beside the menu rule field ("素三 荤-3 😀" was saved as 荤-: 3)', () => {
    for (const menuRule of ['荤3 素3', '荤:3、素：3', '', '汤1']) expect(problems({ ...sitting, menuRule }), menuRule).toEqual([]);
    for (const menuRule of ['素三 荤-3 😀', '荤-3', '荤3 荤4', '荤21', '😀3', '荤 素', '荤3 abc'])
      expect(problems({ ...sitting, menuRule }), menuRule).toEqual(['menuRule: refusals.meal.sitting.menuRule']);
    expect(parseMenuRule('荤3 素3')).toEqual({ 荤: 3, 素: 3 });
  });
});

describe('an input its page let through (parseInput)', () => {
  it('is refused beside its field as input.invalid, not thrown as a bug (a 500 that loses the form)', async () => {
    const { parseInput } = await import('../src/parse-input.ts');
    const { UseCaseError } = await import('../src/errors.ts');
    const { z } = await import('../src/zod.ts');
    let thrown: unknown;
    try {
      parseInput(z.object({ month: z.number().int().max(12) }), { month: 13 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UseCaseError);
    expect(thrown).toMatchObject({ code: 'input.invalid', params: { field: 'month' }, kind: 'invalid' });
    expect((thrown as Error).message).toContain('invalid input (month)');
  });
});
