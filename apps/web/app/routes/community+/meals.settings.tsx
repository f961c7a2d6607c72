import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MEAL_KINDS, yuan } from '@shequ/domain';
import { addSubsidyRule, getMealStation, saveDish, saveMealSitting } from '@shequ/use-cases';
import { mealSettingsFormSchema, parseMenuRule, splitWords } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { NoSittings } from '~/components/meals/no-sittings.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.tabs.settings');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const station = await runAsStaff(caller, (tx) => getMealStation(tx, caller));
  return { ...station, today: chinaToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, mealSettingsFormSchema, 'community');
  if (submission.status !== 'success') return replyInvalidSubmission(submission);
  const v = submission.value;
  const caller = { actor, ability };
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'sitting') {
      await saveMealSitting(tx, caller, { ...v, price: String(v.price / 100), menuRule: parseMenuRule(v.menuRule) });
      return 'sittingSaved';
    }
    if (v.intent === 'dish') {
      await saveDish(tx, caller, { name: v.name, dishId: v.dishId, tags: splitWords(v.tags) });
      return 'dishSaved';
    }
    await addSubsidyRule(tx, caller, { ...v, perMeal: String(v.perMeal / 100), monthlyCap: v.monthlyCap === null ? '' : String(v.monthlyCap / 100) });
    return 'ruleSaved';
  });
  if (!done.ok) return replyRefused(v.intent, done.error);
  return withToast(replySaved(v.intent), `meals.${done.value}`);
}

/**
 * A form folded under its title (opened again when it comes back with a message): its fields, its refusal, and its
 * button, labelled apart from the fold (two controls of one name read as one to a screen reader: issue 19's trial).
 */
function FoldedForm({
  intent,
  title,
  submit,
  open,
  alert,
  busy,
  children,
  testId,
  ...check
}: {
  intent: string;
  title: string;
  submit: string;
  open: boolean;
  alert: ReactNode;
  busy: boolean;
  children: ReactNode;
  testId?: string;
  /** useReply's `check(intent)`: the page's schema checks the form in the browser before it is sent. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  onInput?: (event: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <details className="rounded-md border border-slate-200 p-3" open={open} data-testid={testId}>
      <summary className="cursor-pointer text-sm text-brand-700">{title}</summary>
      <Form method="post" noValidate className="mt-2 grid gap-2 sm:grid-cols-3" {...check}>
        <CsrfInput />
        <input type="hidden" name="intent" value={intent} />
        {children}
        {alert}
        <div className="sm:col-span-3">
          <Button type="submit" size="sm" disabled={busy}>
            {submit}
          </Button>
        </div>
      </Form>
    </details>
  );
}

export default function MealSettingsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const can = useCommunityCan();
  const canManage = can('manage', 'MealService');
  const canEdit = can('update', 'MealService');
  const { err, alert, check } = useReply(result, mealSettingsFormSchema);
  const lunch = data.sittings.find((s) => s.meal === 'lunch');
  return (
    <div className="space-y-4">
      <PageHeader title={t('meals.tabs.settings')} />
      <MealTabs />

      <CardSection title={t('meals.sittings.title')} bodyClassName="space-y-3">
        {data.sittings.length === 0 ? <NoSittings here /> : null}
        <ul className="space-y-1 text-sm" data-testid="sittings">
          {data.sittings.map((s) => (
            <li key={s.id}>
              <span className="font-medium">{s.name}</span>：
              {t('meals.sittings.summary', { capacity: s.capacity, price: yuan(s.priceCents), days: s.cutoffDaysBefore, time: s.cutoffTime, from: s.serveFrom, until: s.serveUntil })}
              {Object.keys(s.menuRule).length ? ` · ${Object.entries(s.menuRule).map(([tag, n]) => `${tag}≥${n}`).join(' ')}` : ''}
            </li>
          ))}
        </ul>
        {canManage ? (
          // Unfolded while there is no sitting yet: setting the first one is what the page is for then.
          <FoldedForm {...check('sitting')} intent="sitting" title={t('meals.sittings.fold')} submit={t('meals.sittings.save')} open={result?.form === 'sitting' || data.sittings.length === 0} alert={alert('sitting')} busy={busy} testId="meal-sitting-form">
            <Field id="s-meal" label={t('meals.sittings.meal')} error={err('sitting', 'meal')}>
              <Select name="meal" size="sm" defaultValue="lunch" options={MEAL_KINDS.map((m) => ({ value: m, label: t(`meals.meals.${m}`) }))} />
            </Field>
            <Field id="s-name" label={t('meals.sittings.name')} error={err('sitting', 'name')}>
              <Input name="name" defaultValue={lunch?.name ?? '午餐'} maxLength={20} className="h-9 text-sm" />
            </Field>
            <Field id="s-capacity" label={t('meals.sittings.capacity')} error={err('sitting', 'capacity')}>
              <Input name="capacity" inputMode="numeric" defaultValue={lunch?.capacity ?? 100} className="h-9 text-sm" />
            </Field>
            <Field id="s-price" label={t('meals.sittings.price')} error={err('sitting', 'price')}>
              <Input name="price" inputMode="decimal" defaultValue={lunch ? yuan(lunch.priceCents) : ''} className="h-9 text-sm" />
            </Field>
            <Field id="s-days" label={t('meals.sittings.cutoffDaysBefore')} error={err('sitting', 'cutoffDaysBefore')}>
              <Input name="cutoffDaysBefore" inputMode="numeric" defaultValue={lunch?.cutoffDaysBefore ?? 1} className="h-9 text-sm" />
            </Field>
            <Field id="s-time" label={t('meals.sittings.cutoffTime')} error={err('sitting', 'cutoffTime')}>
              <Input name="cutoffTime" type="time" defaultValue={lunch?.cutoffTime ?? '16:00'} className="h-9 text-sm" />
            </Field>
            <Field id="s-from" label={t('meals.sittings.serveFrom')} error={err('sitting', 'serveFrom')}>
              <Input name="serveFrom" type="time" defaultValue={lunch?.serveFrom ?? '11:00'} className="h-9 text-sm" />
            </Field>
            <Field id="s-until" label={t('meals.sittings.serveUntil')} error={err('sitting', 'serveUntil')}>
              <Input name="serveUntil" type="time" defaultValue={lunch?.serveUntil ?? '13:00'} className="h-9 text-sm" />
            </Field>
            <Field id="s-rule" label={t('meals.sittings.menuRule')} hint={t('meals.sittings.menuRuleHint')} error={err('sitting', 'menuRule')}>
              <Input name="menuRule" defaultValue={lunch ? Object.entries(lunch.menuRule).map(([k, n]) => `${k}${n}`).join(' ') : '荤3 素3'} className="h-9 text-sm" />
            </Field>
          </FoldedForm>
        ) : null}
      </CardSection>

      <CardSection title={t('meals.dishes.title')} bodyClassName="space-y-3">
        {data.dishes.length === 0 ? <EmptyState title={t('meals.dishes.empty')} /> : null}
        <ul className="flex flex-wrap gap-1.5 text-sm" data-testid="dishes">
          {data.dishes.map((d) => (
            <li key={d.id} className="rounded bg-slate-100 px-2 py-0.5">
              {d.name} <span className="text-xs text-slate-500">{d.tags.join(' ')}</span>
            </li>
          ))}
        </ul>
        {canEdit ? (
          <Form {...check('dish')} method="post" noValidate className="grid gap-2 sm:grid-cols-3 sm:items-end">
            <CsrfInput />
            <input type="hidden" name="intent" value="dish" />
            <Field id="d-name" label={t('meals.dishes.name')} error={err('dish', 'name')}>
              <Input name="name" maxLength={40} className="h-9 text-sm" />
            </Field>
            <Field id="d-tags" label={t('meals.dishes.tags')} hint={t('meals.dishes.tagsHint')} error={err('dish', 'tags')}>
              <Input name="tags" maxLength={100} className="h-9 text-sm" />
            </Field>
            <div>
              <Button type="submit" size="sm" disabled={busy}>
                {t('meals.dishes.add')}
              </Button>
            </div>
            {alert('dish')}
          </Form>
        ) : null}
      </CardSection>

      <CardSection title={t('meals.rules.title')} intro={t('meals.rules.intro')} bodyClassName="space-y-3">
        {data.rules.length === 0 ? <EmptyState title={t('meals.rules.empty')}>{canManage ? null : t('meals.rules.whoSets')}</EmptyState> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="rules">
          {data.rules.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-x-3 py-1.5">
              <span className="font-medium">{r.name}</span>
              <span className="text-slate-600">
                {[r.tagName, r.minAge !== null ? t('meals.rules.whoAge', { age: r.minAge }) : null].filter(Boolean).join(' + ')} · {yuan(r.perMealCents)}
                {r.monthlyCapCents !== null ? ` / ${t('meals.rules.monthlyCap')} ${yuan(r.monthlyCapCents)}` : ''} · {t('meals.rules.priority')} {r.priority} · {r.effectiveFrom} – {r.lastDay ?? t('meals.rules.open')}
              </span>
            </li>
          ))}
        </ul>
        {canManage ? (
          <FoldedForm {...check('rule')} intent="rule" title={t('meals.rules.fold')} submit={t('meals.rules.add')} open={result?.form === 'rule'} alert={alert('rule')} busy={busy}>
            <Field id="r-name" label={t('meals.rules.name')} error={err('rule', 'name')}>
              <Input name="name" maxLength={20} className="h-9 text-sm" />
            </Field>
            <Field id="r-tag" label={t('meals.rules.tag')} error={err('rule', 'tagId')}>
              <Select name="tagId" size="sm" placeholder={t('meals.rules.anyTag')} options={data.tags.map((x) => ({ value: x.id, label: x.name }))} />
            </Field>
            <Field id="r-age" label={t('meals.rules.minAge')} error={err('rule', 'minAge')}>
              <Input name="minAge" inputMode="numeric" className="h-9 text-sm" />
            </Field>
            <Field id="r-per" label={t('meals.rules.perMeal')} error={err('rule', 'perMeal')}>
              <Input name="perMeal" inputMode="decimal" className="h-9 text-sm" />
            </Field>
            <Field id="r-cap" label={t('meals.rules.monthlyCap')} error={err('rule', 'monthlyCap')}>
              <Input name="monthlyCap" inputMode="decimal" className="h-9 text-sm" />
            </Field>
            <Field id="r-priority" label={t('meals.rules.priority')} error={err('rule', 'priority')}>
              <Input name="priority" inputMode="numeric" defaultValue={0} className="h-9 text-sm" />
            </Field>
            {/* A rule applies forward only (addSubsidyRule refuses a start before today): say so before it is typed. */}
            <Field id="r-from" label={t('meals.rules.effectiveFrom')} hint={t('meals.rules.effectiveFromHint', { today: data.today })} error={err('rule', 'effectiveFrom')}>
              <DateInput name="effectiveFrom" size="sm" defaultValue={data.today} min={data.today} />
            </Field>
          </FoldedForm>
        ) : null}
      </CardSection>
    </div>
  );
}
