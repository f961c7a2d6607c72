import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { UseCaseError } from '@shequ/use-cases';
import { volunteerSettingsSchema } from '@shequ/use-cases/schemas';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { type FormReply, useReply } from '~/lib/form-reply.tsx';
import { createI18n } from '~/lib/i18n.ts';

// Issue 12: a page's own form (useReply) shows a use case's refusal beside the field it names, and only a refusal
// that names none (or names a field the form lacks) above the form. The volunteers' register form is the example:
// `volunteer.consent.required` names `consent` and used to be shown at the top of the page.

type Answer = { data: FormReply; init: { status: number } };
const answer = (value: unknown) => value as Answer;
const render = (node: ReactNode) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n('zh-CN') }, node));

const REGISTER_FIELDS = { skills: 'skills', consent: 'consent', guardianConsent: 'guardianConsent' };

/** The register form as the volunteers' people page builds it: fields with their messages, the form's alert. */
function RegisterForm({ reply, form }: { reply: unknown; form: string }) {
  const { err, alert } = useReply(reply);
  return createElement(
    'form',
    null,
    createElement(Field, { id: 'skills', label: '技能', error: err(form, 'skills'), children: createElement(Input, { name: 'skills' }) }),
    createElement(Checkbox, { id: 'consent', name: 'consent', label: '本人同意', error: err(form, 'consent') }),
    alert(form),
  );
}

describe('a refusal on a page of its own forms (replyRefused, useReply)', () => {
  it('puts a problem that names a field beside that field, with its status, and nothing above the form', () => {
    const reply = answer(replyRefused('register:1', new UseCaseError('volunteer.consent.required', { field: 'consent' }), undefined, { fields: REGISTER_FIELDS }));
    expect(reply.init.status).toBe(422);
    expect(reply.data).toMatchObject({ form: 'register:1', errors: { consent: ['refusals.volunteer.consent.required'] }, error: null });

    const html = render(createElement(RegisterForm, { reply: reply.data, form: 'register:1' }));
    // Beside the box: the Chinese message under it, the box marked invalid and described by it.
    const box = /<input[^>]*name="consent"[^>]*>/.exec(html)![0];
    expect(box).toContain('aria-invalid="true"');
    expect(box).toContain('aria-describedby="consent-error"');
    expect(html).toContain('<p id="consent-error" class="text-sm text-red-600">请确认本人已同意登记为志愿者并记录服务信息</p>');
    // Above the form only the line that points to the marked fields, not the refusal itself.
    expect(html).toMatch(/role="alert"[^>]*>请检查标红的内容</);
    expect(html.match(/请确认本人已同意/g)).toHaveLength(1);
    // Another person's form on the same page shows nothing.
    expect(render(createElement(RegisterForm, { reply: reply.data, form: 'register:2' }))).not.toContain('red-600');
  });

  it('puts a problem about something the form has no field for above it, and every problem of one refusal in its place', () => {
    const both = new UseCaseError('volunteer.duplicate', { field: 'residentId' }, [{ code: 'volunteer.consent.required', params: { field: 'consent' } }]);
    const reply = answer(replyRefused('register:1', both, undefined, { fields: REGISTER_FIELDS }));
    expect(reply.init.status).toBe(409);
    expect(reply.data).toMatchObject({ errors: { consent: ['refusals.volunteer.consent.required'] }, error: 'refusals.volunteer.duplicate' });
    const html = render(createElement(RegisterForm, { reply: reply.data, form: 'register:1' }));
    expect(html).toMatch(/role="alert"[^>]*>此人已登记为志愿者</);
    expect(html).toContain('id="consent-error"');

    // Without a list of the form's fields every field named is the form's own; `fields: {}` puts all above (buttons).
    expect(answer(replyRefused('x', new UseCaseError('volunteer.settings.stars', { field: 'starHours' }))).data.errors).toEqual({ starHours: ['refusals.volunteer.settings.stars'] });
    expect(answer(replyRefused('x', new UseCaseError('volunteer.settings.stars', { field: 'starHours' }), undefined, { fields: {} })).data).toMatchObject({ errors: {}, error: 'refusals.volunteer.settings.stars' });
  });

  it('answers a form that did not pass its schema with 400 and what was typed, and a saved one with a new mark', () => {
    const invalid = answer(replyInvalid('team', { name: ['validation.required'], focus: null }, { csrf: 't', intent: 'team', name: '', focus: '敬老' }));
    expect(invalid.init.status).toBe(400);
    expect(invalid.data).toEqual({ form: 'team', errors: { name: ['validation.required'] }, error: null, params: {}, values: { name: '', focus: '敬老' } });
    const a = replySaved('team');
    const b = replySaved('team', { extra: 1 });
    expect(a).toMatchObject({ form: 'team', errors: {}, error: null });
    expect(b.extra).toBe(1);
    expect(a.saved).not.toBe(b.saved);
  });

  it('says every refusal of a form beside a field or above it in words, never only 请检查标红的内容 with nothing marked (issue 17)', () => {
    // The star settings with junk: the schema's one message on the field itself.
    const junk = volunteerSettingsSchema.shape.starHours.safeParse('abc,😀,-1,1e9,NaN');
    expect(junk.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['', 'refusals.volunteer.settings.stars']]);
    for (const typed of ['100,300,600', '100,300,600,1000,1500,2000', '100, 300, 600, 1000, 1e9', '0,300,600,1000,1500', '300,100,600,1000,1500'])
      expect(volunteerSettingsSchema.shape.starHours.safeParse(typed).success, typed).toBe(false);
    expect(volunteerSettingsSchema.shape.starHours.safeParse('１００、300 600,1000，1500').data).toEqual([100, 300, 600, 1000, 1500]);

    // A list's values refused one by one (`tags[1]`): shown beside the list's field.
    const Form = ({ reply }: { reply: unknown }) => {
      const { err, alert } = useReply(reply);
      return createElement('form', null, createElement(Field, { id: 'tags', label: '标签', error: err('f', 'tags'), children: createElement(Input, { name: 'tags' }) }), alert('f'));
    };
    const listed = render(createElement(Form, { reply: answer(replyInvalid('f', { 'tags[1]': ['validation.tooLong'] })).data }));
    expect(listed).toContain('<p id="tags-error" class="text-sm text-red-600">内容太长，请删减</p>');
    // A problem of a field the form does not show: said above the form in words, not the pointer to marked fields.
    const loose = render(createElement(Form, { reply: answer(replyInvalid('f', { other: ['validation.date'] })).data }));
    expect(loose).toMatch(/role="alert"[^>]*>请填写真实存在的日期（1900–2100 年）/);
    expect(loose).not.toContain('请检查标红的内容');
  });
});
