import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { resources } from '@shequ/i18n';
import * as schemas from '@shequ/use-cases/schemas';
import { submitWishSchema as intakeSchema } from '@shequ/use-cases/schemas';
import { splitMessage, VALIDATION_KEYS, z } from '~/lib/validation.ts';

const UUID = '0b9c5b8e-1d2a-4c3e-9f00-1a2b3c4d5e6f';
const app = fileURLToPath(new URL('../app', import.meta.url));
const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));
const files = walk(app).map((path) => ({ rel: relative(app, path), text: readFileSync(path, 'utf8') }));
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
      const { key, values } = splitMessage(message);
      expect(lookup('zh-CN', key), message).toEqual(expect.any(String));
      expect(lookup('en', key), message).toEqual(expect.any(String));
      // A message that carries a bound has a place for it in both languages.
      for (const name of Object.keys(values)) for (const locale of ['zh-CN', 'en'] as const) expect(lookup(locale, key), `${locale} ${key}`).toContain(`{{${name}}}`);
    }
    // The bounds are named (trials of issues 17–20: "数值太大" without saying how large may be).
    expect(messages).toEqual(expect.arrayContaining(['validation.tooLongMax?max=3', 'validation.choice']));
    // And every key the map can give exists in both languages.
    for (const key of VALIDATION_KEYS) for (const locale of ['zh-CN', 'en'] as const) expect(lookup(locale, `validation.${key}`), `${locale} ${key}`).toEqual(expect.any(String));
  });

  it('says the bound a number, a text or a list broke, and asks to choose when a choice was left empty', () => {
    const schema = z.object({ n: z.number().int().min(1).max(500), text: z.string().min(2).max(20), tags: z.array(z.string()).min(1).max(3), vote: z.enum(['for', 'against']) });
    const at = (value: Record<string, unknown>) => schema.safeParse({ n: 5, text: '好的', tags: ['a'], vote: 'for', ...value }).error?.issues.map((i) => i.message);
    expect(at({ n: 0 })).toEqual(['validation.tooSmallMin?min=1']);
    expect(at({ n: 501 })).toEqual(['validation.tooBigMax?max=500']);
    expect(at({ text: '好' })).toEqual(['validation.tooShortMin?min=2']);
    expect(at({ text: '好'.repeat(21) })).toEqual(['validation.tooLongMax?max=20']);
    expect(at({ tags: [] })).toEqual(['validation.tooFewMin?min=1']);
    expect(at({ tags: ['a', 'b', 'c', 'd'] })).toEqual(['validation.tooManyMax?max=3']);
    expect(at({ vote: undefined })).toEqual(['validation.choose']);
    expect(lookup('zh-CN', 'validation.choose')).toBe('请选择一项');
    expect(splitMessage('validation.tooBigMax?max=500')).toEqual({ key: 'validation.tooBigMax', values: { max: '500' } });
  });

  it('messages a schema words itself are kept', () => {
    const result = intakeSchema.safeParse({ categoryId: 'x', content: '' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['intake.category.invalid', 'intake.content.required']));
  });
});

// Issue 17: a shift on 2026-02-30 13:00 was published as 2026-03-02 (new Date rolls the day over). Every form field of
// type datetime-local is read through the one checked piece (localDateTime); this table names each such form, and
// the first test fails when a page gains a datetime-local field that is not listed (and so not checked here).
/** A parse result without the meeting-time rules across fields (refusals.consultation.time.*). */
function calendarOnly<R extends { success: boolean; error?: { issues: { message: string }[] } }>(r: R): R {
  if (r.success) return r;
  const issues = r.error!.issues.filter((i) => !i.message.startsWith('refusals.consultation.time.'));
  return { ...r, error: { ...r.error!, issues } };
}

const DATETIME_FORMS: { route: string; fields: string[]; /** The fields as the page's source names them, when not name="<field>" (rows named by index). */ source?: string[]; parse: (at: Record<string, string>) => z.SafeParseReturnType<unknown, unknown> }[] = [
  {
    route: 'routes/community+/volunteers.activities.new.tsx',
    // One or more shift rows, each named by its index (shifts[i].*): the second row is checked as the first.
    fields: ['shifts[0].startsAt', 'shifts[0].endsAt', 'shifts[1].startsAt', 'shifts[1].endsAt'],
    source: ['name={`shifts[${i}].startsAt`}', 'name={`shifts[${i}].endsAt`}'],
    parse: (at) =>
      schemas.createActivitySchema.safeParse({
        teamId: UUID,
        title: '活动',
        place: '广场',
        shifts: [0, 1].map((i) => ({ startsAt: at[`shifts[${i}].startsAt`], endsAt: at[`shifts[${i}].endsAt`], capacity: '5' })),
      }),
  },
  {
    route: 'routes/community+/volunteers.wishes.tsx',
    fields: ['servedFrom', 'servedTo'],
    parse: (at) => schemas.wishWallPageSchema.safeParse({ intent: 'hours', residentId: UUID, teamId: UUID, content: '陪同买菜', ...at }),
  },
  {
    route: 'routes/community+/school._index.tsx',
    fields: ['startsAt', 'endsAt'],
    parse: (at) => schemas.schoolFormSchema.safeParse({ intent: 'showcase', termId: UUID, teamId: UUID, title: '汇报演出', place: '礼堂', capacity: '50', ...at }),
  },
  {
    route: 'routes/community+/committee._index.tsx',
    fields: ['startsAt', 'endsAt'],
    // The meeting's rules across its times (past start, end before start, over 12 hours) are tested in
    // committee-form-rules.test.ts; here only each field's reading of the calendar counts.
    parse: (at) => calendarOnly(schemas.committeeDeskFormSchema.safeParse({ intent: 'meeting', topic: '议事', place: '会议室', ...at })),
  },
  {
    route: 'routes/community+/committee.meetings.$meetingId.tsx',
    fields: ['startsAt', 'endsAt'],
    parse: (at) => calendarOnly(schemas.meetingPageFormSchema.safeParse({ intent: 'reschedule', ...at })),
  },
  {
    // The phone app corrects a kept visit's time on the phone (its clock was wrong), before sending it again.
    route: 'routes/community+/care.app.tsx',
    fields: ['visitedAt'],
    parse: (at) => schemas.careVisitTimeFixSchema.safeParse(at),
  },
];

describe('date-times typed in a form are checked on the calendar (issue 17)', () => {
  it('every page with a datetime-local field is in the table below', () => {
    const withField = files.filter((f) => f.text.includes('type="datetime-local"')).map((f) => f.rel).sort();
    expect(withField).toEqual(DATETIME_FORMS.map((f) => f.route).sort());
    for (const form of DATETIME_FORMS) for (const name of form.source ?? form.fields.map((f) => `name="${f}"`)) expect(files.find((f) => f.rel === form.route)!.text, `${form.route} ${name}`).toContain(name);
  });

  it.each(DATETIME_FORMS)('$route refuses 2026-02-30 13:00 beside the field and takes a real time', (form) => {
    for (const field of form.fields) {
      const values = Object.fromEntries(form.fields.map((f, i) => [f, `2026-03-0${2 + i}T13:00`]));
      const refused = form.parse({ ...values, [field]: '2026-02-30T13:00' });
      expect(refused.success, field).toBe(false);
      const path = field.replace(/\[(\d+)\]/g, '.$1');
      const issue = refused.error!.issues.find((i) => i.path.join('.') === path);
      expect(issue?.message, field).toBe('validation.dateTime');
      expect(lookup('zh-CN', issue!.message)).toMatch(/[\u4e00-\u9fff]/);
      for (const bad of ['2026-03-02T25:00', '9999-01-01T10:00', '2026-03-02']) expect(form.parse({ ...values, [field]: bad }).error?.issues.some((i) => i.path.join('.') === path), `${field} ${bad}`).toBe(true);
      const accepted = form.parse(values);
      expect(accepted.error?.issues.filter((i) => form.fields.map((f) => f.replace(/\[(\d+)\]/g, '.$1')).includes(i.path.join('.'))) ?? []).toEqual([]);
    }
  });
});
