import { describe, expect, it } from 'vitest';
import { addServiceSlotsSchema, createSchoolCourseSchema, createSchoolTermSchema, mealSettingsFormSchema, myMealFormSchema, parseMenuRule, saveDishSchema, saveElderServiceSchema, saveMealSittingSchema, splitMessage } from '../src/schemas.ts';
import { resources } from '@shequ/i18n';

// The meal settings page's dish and sitting forms (issue 19), as an outside trial typed them: every refusal names its
// field with a message the page shows beside it; nothing reaches the use case to fail there as a 500.
const sitting = { intent: 'sitting', meal: 'lunch', name: '午餐', capacity: '100', price: '15', cutoffDaysBefore: '1', cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '12:30' };
const problems = (input: Record<string, unknown>) => {
  const r = mealSettingsFormSchema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))];
};

describe('the meal settings forms', () => {
  it('refuse dish tags that are symbols or emoji, too many or too long, beside the tags field — naming every wrong tag', () => {
    expect(problems({ intent: 'dish', name: '红烧肉', tags: '荤 低盐' })).toEqual([]);
    const said = (tags: string) => problems({ intent: 'dish', name: '测试菜', tags }).map((p) => ({ p, ...splitMessage(p.slice('tags: '.length)) }));
    // Every wrong tag at once, in quotes (issue 19's review: the form said only that tags are letters or digits).
    expect(said('主食 😀 软食 <b>')).toMatchObject([{ key: 'refusals.meal.dish.tags.wrong', values: { entries: '“😀”、“<b>”' } }]);
    expect(said('十三个字的标签名称太长了吧')).toMatchObject([{ key: 'refusals.meal.dish.tags.wrong', values: { entries: '“十三个字的标签名称太长了…”' } }]);
    expect(said('a! b! c! d! e! f! g!')[0]!.values.entries).toBe('“a!”、“b!”、“c!”、“d!”、“e!”…');
    // Too many: how many, and the most.
    expect(said('荤 '.repeat(13))).toMatchObject([{ key: 'refusals.meal.dish.tags.tooMany', values: { count: '13', max: '12' } }]);
    expect(said('荤 '.repeat(2500)).map((x) => x.key)).toEqual(['validation.tooLongMax', 'refusals.meal.dish.tags.tooMany']);
    // The use case's own schema holds the same rule (a job or a script calling saveDish), with the same messages.
    const direct = (tags: string[]) => {
      const r = saveDishSchema.safeParse({ name: '菜', tags });
      return r.success ? null : splitMessage(r.error.issues[0]!.message);
    };
    expect(direct(['😀', '荤'])).toEqual({ key: 'refusals.meal.dish.tags.wrong', values: { entries: '“😀”' } });
    expect(direct(Array.from({ length: 13 }, (_, i) => `标签${i}`))).toEqual({ key: 'refusals.meal.dish.tags.tooMany', values: { count: '13', max: '12' } });
    // The messages name them.
    const m = (resources['zh-CN'].translation as unknown as { refusals: { meal: { dish: { tags: Record<string, string> }; sitting: Record<string, string> } } }).refusals.meal;
    expect(m.dish.tags.wrong).toContain('{{entries}}');
    expect(m.dish.tags.tooMany).toContain('{{count}}');
    expect(m.sitting.menuRuleWrong).toContain('{{entries}}');
  });

  it('refuse a dish name of 5,000 characters or of spaces, beside the name field', () => {
    expect(problems({ intent: 'dish', name: '菜'.repeat(5000), tags: '' })).toEqual(['name: refusals.meal.dish.name.invalid']);
    expect(problems({ intent: 'dish', name: '   ', tags: '' })).toEqual(['name: refusals.meal.dish.name.invalid']);
  });

  it('refuse a menu rule that is not tag-and-count words, beside the menu rule field, naming every wrong word ("素三 荤-3 😀" was saved as 荤-: 3)', () => {
    for (const menuRule of ['荤3 素3', '荤:3、素：3', '', '汤1']) expect(problems({ ...sitting, menuRule }), menuRule).toEqual([]);
    const wrong: [string, string][] = [
      ['素三 荤-3 😀', '“素三”、“荤-3”、“😀”'],
      ['荤-3', '“荤-3”'],
      ['荤3 荤4', '“荤4”'],
      ['荤3 素21', '“素21”'],
      ['😀3', '“😀3”'],
      ['荤 素', '“荤”、“素”'],
      ['荤3 abc', '“abc”'],
    ];
    for (const [menuRule, entries] of wrong) expect(problems({ ...sitting, menuRule }), menuRule).toEqual([`menuRule: refusals.meal.sitting.menuRuleWrong?${new URLSearchParams({ entries })}`]);
    expect(parseMenuRule('荤3 素3')).toEqual({ 荤: 3, 素: 3 });
    // The use case's own schema (a rule as an object) names the wrong entries too.
    const r = saveMealSittingSchema.safeParse({ meal: 'lunch', name: '午餐', capacity: 100, price: '15', cutoffDaysBefore: 1, cutoffTime: '16:00', serveFrom: '11:00', serveUntil: '12:30', menuRule: { 荤: 3, '荤-': 3, 素: 25 } });
    expect(r.success ? null : splitMessage(r.error.issues[0]!.message)).toEqual({ key: 'refusals.meal.sitting.menuRuleWrong', values: { entries: '“荤-3”、“素25”' } });
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

describe('every number and date of meals, services and the school names its bound (issue 19 trial)', () => {
  const first = (r: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) => (r.success ? null : `${r.error!.issues[0]!.path.join('.')}: ${r.error!.issues[0]!.message}`);
  it('places 1.5, a price of 99999999, a date of 9999-12-31: each message carries the bound', () => {
    expect(problems({ ...sitting, capacity: '1.5' })).toEqual(['capacity: validation.wholeBetween?min=0&max=10000']);
    expect(problems({ ...sitting, capacity: '十' })).toEqual(['capacity: validation.wholeBetween?min=0&max=10000']);
    expect(problems({ ...sitting, capacity: '10001' })).toEqual(['capacity: validation.wholeBetween?min=0&max=10000']);
    expect(problems({ ...sitting, cutoffDaysBefore: '15' })).toEqual(['cutoffDaysBefore: validation.wholeBetween?min=0&max=14']);
    expect(problems({ ...sitting, price: '99999999' })).toEqual(['price: validation.money']);
    expect(problems({ ...sitting, price: '100000.01' })).toEqual(['price: validation.tooBigMax?max=100000']);
    expect(first(myMealFormSchema.safeParse({ intent: 'book', residentId: crypto.randomUUID(), sittingId: crypto.randomUUID(), day: '9999-12-31' }))).toBe('day: validation.date');
    expect(first(saveElderServiceSchema.safeParse({ kind: 'bathing', name: '助浴', durationMinutes: '2.5', price: '40', assessmentDays: '' }))).toBe('durationMinutes: validation.wholeBetween?min=5&max=480');
    expect(first(addServiceSlotsSchema.safeParse({ serviceId: crypto.randomUUID(), day: '2027-01-05', times: '09:00', capacity: '1.5' }))).toBe('capacity: validation.wholeBetween?min=1&max=50');
    expect(first(createSchoolCourseSchema.safeParse({ termId: crypto.randomUUID(), title: '舞蹈', weekday: '1', startsAt: '09:00', endsAt: '10:00', room: '一', capacity: '1.5', fee: '0', rule: 'first_come' }))).toBe('capacity: validation.wholeBetween?min=1&max=500');
    expect(first(createSchoolTermSchema.safeParse({ name: '学期', startsOn: '9999-12-31', endsOn: '2027-01-01' }))).toBe('startsOn: validation.date');
    // The messages themselves name the bounds.
    const v = (resources['zh-CN'].translation as unknown as { validation: Record<string, string> }).validation;
    expect(v.wholeBetween).toContain('{{min}}');
    expect(v.wholeBetween).toContain('{{max}}');
    expect(v.date).toContain('1900');
    expect(v.money).toContain('100000');
  });
});
