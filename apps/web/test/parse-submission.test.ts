import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { submitWishSchema } from '@shequ/use-cases/schemas';
import { parseFlatForm, parseSubmission } from '~/lib/forms.server.ts';
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

/** The residents' fast lane: the same schema's happy path without Conform's submission (parse-form.ts). */
describe('parseFlatForm: a flat form\'s happy path, or null', () => {
  const good = { categoryId: UUID, content: '楼道灯坏了，晚上看不见', buildingId: '', name: '张三', mobile: '138 0013 8000', consent: 'on', submissionKey: 'k1', website: '' };

  it('gives the value parseSubmission gives for the same happy form', () => {
    const form = new URLSearchParams(good);
    const full = parseSubmission(form, submitWishSchema);
    if (full.status !== 'success') throw new Error('the happy form was refused');
    expect(parseFlatForm(form, submitWishSchema)).toEqual(full.value);
    expect(parseFlatForm(form, submitWishSchema)).toMatchObject({ consent: true, name: '张三', content: good.content });
    // A field the schema does not know is left out, as the schema leaves it out.
    expect(parseFlatForm(new URLSearchParams({ ...good, intent: 'x' }), submitWishSchema)).toEqual(full.value);
  });

  it('declines (null) whatever is not the happy path, so the full parser answers with messages', () => {
    const declined = [
      { ...good, categoryId: 'x' }, // a refusal
      { ...good, content: '   ' }, // required
      { ...good, content: '灯'.repeat(5000) }, // too long
      { ...good, consent: '' }, // a name and a number without consent
      { ...good, consent: 'yes' }, // a checkbox value Conform would not read as true
    ];
    for (const fields of declined) expect(parseFlatForm(new URLSearchParams(fields), submitWishSchema)).toBeNull();
    const twice = new URLSearchParams(good);
    twice.append('content', '又一条');
    expect(parseFlatForm(twice, submitWishSchema)).toBeNull();
    // Number, list and file fields are Conform's to coerce.
    const counted = z.object({ count: z.number(), note: z.string().optional() });
    expect(parseFlatForm(new URLSearchParams({ count: '3' }), counted)).toBeNull();
    expect(parseFlatForm(new URLSearchParams({ note: 'x' }), counted)).toBeNull(); // count missing: refused
  });

  it('refuses too-long content and too many photos with the same messages as before, one refinement each', () => {
    const long = parseSubmission(new URLSearchParams({ ...good, content: '灯'.repeat(5000) }), submitWishSchema);
    expect(long.status).toBe('error');
    if (long.status === 'error') expect(long.error?.content).toEqual(['intake.content.tooLong']);
    const blank = parseSubmission(new URLSearchParams({ ...good, content: ' ' }), submitWishSchema);
    if (blank.status === 'error') expect(blank.error?.content).toEqual(['intake.content.required']);
    else throw new Error('blank content accepted');
    const form = new FormData();
    for (const [k, v] of Object.entries(good)) form.set(k, v);
    for (let i = 0; i < 20; i++) form.append('photos', new File([new Uint8Array(10)], `p${i}.jpg`, { type: 'image/jpeg' }));
    const many = parseSubmission(form, submitWishSchema);
    if (many.status === 'error') expect(many.error?.photos).toEqual(['intake.photos.tooMany']);
    else throw new Error('20 photos accepted');
  });
});

describe('a field name indexing a list far beyond any form (an outside trial: shifts[1000000] froze the web process)', () => {
  const schema = z.object({ shifts: z.array(z.object({ capacity: z.number() })).max(20) });
  const status = (fn: () => unknown) => {
    try {
      fn();
    } catch (thrown) {
      return (thrown as { init?: { status?: number } }).init?.status ?? 'thrown';
    }
    return 'parsed';
  };

  it('answers the 400 page at once, before a list is built', () => {
    const started = Date.now();
    expect(status(() => parseSubmission(new URLSearchParams({ 'shifts[1000000].capacity': '1' }), schema))).toBe(400);
    expect(status(() => parseSubmission(new URLSearchParams({ 'shifts[00000000001].capacity': '1' }), schema))).toBe(400);
    expect(status(() => parseSubmission(new URLSearchParams({ 'shifts[1000].capacity': '1' }), schema))).toBe(400);
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('parses indexes a form uses', () => {
    expect(status(() => parseSubmission(new URLSearchParams({ 'shifts[0].capacity': '1', 'shifts[1].capacity': '2' }), schema))).toBe('parsed');
    expect(parseSubmission(new URLSearchParams({ 'shifts[999].capacity': '1' }), schema).status).toBe('error');
  });
});

describe('a NUL character in any text field (an outside trial: %00 answered 500 on objections, titles, notes, minutes)', () => {
  it('is taken out before the schema reads the form, from plain and multipart bodies alike', () => {
    const schema = z.object({ title: z.string().trim().min(1).max(20), note: z.string().optional() });
    for (const form of [new URLSearchParams({ title: '便桥\u0000施工', note: '\u0000' }), (() => {
      const f = new FormData();
      f.append('title', '便桥\u0000施工');
      f.append('note', '\u0000');
      return f;
    })()]) {
      const parsed = parseSubmission(form, schema);
      expect(parsed.status).toBe('success');
      if (parsed.status === 'success') expect(parsed.value).toEqual({ title: '便桥施工' });
    }
  });
});
