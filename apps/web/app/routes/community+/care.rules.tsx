import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { queryDay } from '~/lib/query-params.ts';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CARE_TIERS, CONTACT_KINDS, type CareRules, VISIT_PERIODS } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { listCareRules, saveCareRules } from '@shequ/use-cases';
import { CARE_RULE_ROWS_MAX, careRulesFormSchema } from '@shequ/use-cases/schemas';
import { CareTabs } from '~/components/care/care-tabs.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { Select } from '~/components/ui/select.tsx';
import { replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { keepPageOnNetworkLoss, skipAfterNetworkLoss } from '~/lib/network-loss.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { careCaller, minuteText, replyInvalidCare } from './care.server.ts';

export const meta = pageTitle('care.rules.title');

/** A post whose network drops on the way keeps the page and what was typed in its forms (lib/network-loss.ts). */
export const clientAction = keepPageOnNetworkLoss;
export const shouldRevalidate = skipAfterNetworkLoss();

/**
 * The care rules (issue 20, decision 039): every version with its date, who saved it, its tiers and frequencies in
 * words, which one is in force today and which applied on a chosen day (listCareRules); staff who may manage the
 * roster add a version from a date (saveCareRules), the form prefilled with today's rules.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const tenantId = caller.actor.workspace.tenantId!;
  // A day that is not one (2026-02-30, abc) answers the 400 page that names it, as every page's ?day= does.
  const onDay = queryDay(request, '') || null;
  return runAsStaff(caller, async (tx) => {
    const page = await listCareRules(tx, caller, { onDay });
    return {
      today: page.today,
      current: page.current,
      onDay: page.onDay,
      versions: page.versions.map((v) => ({ ...v, savedAt: v.savedAt && v.id ? minuteText(v.savedAt) : null })),
      mayEdit: caller.ability.can('manage', subject('CareRoster', { tenantId })),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, careRulesFormSchema, 'community');
  const caller = { actor, ability };
  if (submission.status !== 'success') return replyInvalidCare(submission, 'rules');
  const v = submission.value;
  const done = await actAsStaff(caller, (tx) => saveCareRules(tx, caller, v));
  return done.ok ? withToast(replySaved('rules'), 'care.rulesSaved', { day: v.effectiveFrom }) : replyRefused('rules', done.error, submission.payload, { fields: REFUSAL_FIELDS });
}

/** Where saveCareRules' refusals are said: the date, the note, and a rule's tags beside its row (care.rules.unknownTag). */
const REFUSAL_FIELDS: Record<string, string> = {
  effectiveFrom: 'effectiveFrom',
  note: 'note',
  ...Object.fromEntries(Array.from({ length: CARE_RULE_ROWS_MAX }, (_, i) => [`rule${i}Any`, `rule${i}All`]).flat().map((f) => [f, f])),
};

/** A version's tiers and frequencies in plain words. */
function RulesText({ rules }: { rules: CareRules }) {
  const { t } = useTranslation();
  const tt = useLooseT();
  const tags = (list: string[]) => list.join('、');
  return (
    <div className="space-y-1">
      <ul className="list-disc space-y-0.5 pl-5" data-testid="care-rules-tiers">
        {rules.rules.map((r, i) => {
          const conds = [
            r.tagsAny?.length ? t('care.rules.condAny', { tags: tags(r.tagsAny) }) : null,
            r.tagsAll?.length ? t('care.rules.condAll', { tags: tags(r.tagsAll) }) : null,
            r.minAge !== undefined ? t('care.rules.condAge', { age: r.minAge }) : null,
          ].filter(Boolean);
          return <li key={i}>{t('care.rules.ruleLine', { conds: conds.join('，'), tier: tt(`care.tier.${r.tier}`) })}</li>;
        })}
      </ul>
      <ul className="list-disc space-y-0.5 pl-5" data-testid="care-rules-policies">
        {CARE_TIERS.map((tier) => (
          <li key={tier}>
            {t('care.rules.policyLine', {
              tier: tt(`care.tier.${tier}`),
              period: tt(`care.rules.period.${rules.policies[tier].period}`),
              kinds: rules.policies[tier].contactKinds.map((k) => tt(`care.kind.${k}`)).join('、'),
            })}
          </li>
        ))}
      </ul>
      <p className="text-slate-600">{t('care.rules.dueSoon', { days: rules.dueSoonDays })}</p>
    </div>
  );
}

export default function CareRulesPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  const { err, submit, value, values, refused, check } = useReply(useActionData<typeof action>(), careRulesFormSchema);
  const cur = page.current;
  const rows = Math.min(cur.rules.length + 2, CARE_RULE_ROWS_MAX);
  const versionName = (id: string | null) => {
    const v = page.versions.find((x) => x.id === id);
    return v?.effectiveFrom ? t('care.rules.from', { day: v.effectiveFrom }) : t('care.rules.defaults');
  };
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('care.rules.title')} />
      <CareTabs />
      <p className="text-sm text-slate-600">{t('care.rules.intro')}</p>

      <CardSection title={t('care.rules.lookupTitle')} bodyClassName="space-y-2 text-sm">
        <Form method="get" noValidate className="flex flex-wrap items-end gap-2">
          <label className="text-sm text-slate-700">
            <span className="mb-1 block">{t('care.rules.lookupDay')}</span>
            <DateInput name="day" size="sm" defaultValue={page.onDay?.day ?? page.today} />
          </label>
          <Button type="submit" size="sm" variant="secondary">
            {t('care.rules.lookup')}
          </Button>
        </Form>
        {page.onDay ? <p data-testid="care-rules-on-day">{t('care.rules.lookupResult', { day: page.onDay.day, version: versionName(page.onDay.id) })}</p> : null}
      </CardSection>

      {page.versions.map((v) => (
        <CardSection
          key={v.id ?? 'defaults'}
          title={v.effectiveFrom ? t('care.rules.from', { day: v.effectiveFrom }) : t('care.rules.defaults')}
          bodyClassName="space-y-2 text-sm"
        >
          <div data-testid="care-rules-version" data-in-force={v.inForce ? 'true' : 'false'} className="space-y-2">
            <div className="flex flex-wrap items-center gap-2">
              {v.inForce ? <Badge tone="success">{t('care.rules.inForce')}</Badge> : v.upcoming ? <Badge tone="info">{t('care.rules.upcoming')}</Badge> : <Badge tone="muted">{t('care.rules.past')}</Badge>}
              <span className="text-slate-600">{v.id ? t('care.rules.savedBy', { name: v.savedBy ?? t('care.rules.someone'), at: v.savedAt ?? '' }) : t('care.rules.defaultsFrom')}</span>
            </div>
            {v.note ? <p className="text-slate-600">{t('care.rules.note', { note: v.note })}</p> : null}
            <RulesText rules={v.rules} />
          </div>
        </CardSection>
      ))}

      <CardSection title={t('care.rules.formTitle')} bodyClassName="space-y-3 text-sm">
        {page.mayEdit ? (
          <PostForm {...check('rules')} className="space-y-4" data-testid="care-rules-form">
            <p className="text-slate-600">{t('care.rules.formIntro')}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id="care-rules-from" label={t('care.rules.effectiveFrom')} error={err('rules', 'effectiveFrom')}>
                <DateInput name="effectiveFrom" defaultValue={value('rules', 'effectiveFrom', page.today)} />
              </Field>
              <Field id="care-rules-due-soon" label={t('care.rules.dueSoonDays')} error={err('rules', 'dueSoonDays')}>
                <Input name="dueSoonDays" inputMode="numeric" defaultValue={value('rules', 'dueSoonDays', String(cur.dueSoonDays))} />
              </Field>
              <Field id="care-rules-note" label={t('care.rules.noteField')} error={err('rules', 'note')} className="sm:col-span-2">
                <Input name="note" maxLength={200} defaultValue={value('rules', 'note')} />
              </Field>
            </div>
            <fieldset className="space-y-3">
              <legend className="font-medium text-slate-800">{t('care.rules.policiesTitle')}</legend>
              {CARE_TIERS.map((tier) => (
                <div key={tier} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-2" data-testid={`care-rules-policy-${tier}`}>
                  <Field id={`care-rules-${tier}-period`} label={`${tt(`care.tier.${tier}`)} · ${t('care.rules.periodField')}`} error={err('rules', `${tier}Period`)}>
                    <Select name={`${tier}Period`} defaultValue={value('rules', `${tier}Period`, cur.policies[tier].period)} options={VISIT_PERIODS.map((p) => ({ value: p, label: tt(`care.rules.period.${p}`) }))} />
                  </Field>
                  <CheckboxGroup
                    name={`${tier}Kinds`}
                    legend={t('care.rules.kindsField')}
                    options={CONTACT_KINDS.map((k) => ({ value: k, label: tt(`care.kind.${k}`) }))}
                    defaultValue={refused('rules') ? values('rules', `${tier}Kinds`) : cur.policies[tier].contactKinds}
                    error={err('rules', `${tier}Kinds`)}
                  />
                </div>
              ))}
            </fieldset>
            <fieldset className="space-y-3">
              <legend className="font-medium text-slate-800">{t('care.rules.rulesTitle')}</legend>
              <p className="text-slate-600">{t('care.rules.rulesHint')}</p>
              {Array.from({ length: rows }, (_, i) => {
                const r = cur.rules[i];
                return (
                  <div key={i} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-4" data-testid="care-rules-row">
                    <Field id={`care-rules-${i}-tier`} label={`${t('care.rules.ruleRow', { n: i + 1 })} · ${t('care.rules.ruleTier')}`} error={err('rules', `rule${i}Tier`)}>
                      <Select name={`rule${i}Tier`} defaultValue={value('rules', `rule${i}Tier`, refused('rules') ? '' : (r?.tier ?? ''))} options={[{ value: '', label: t('care.rules.noTier') }, ...CARE_TIERS.map((x) => ({ value: x, label: tt(`care.tier.${x}`) }))]} />
                    </Field>
                    <Field id={`care-rules-${i}-any`} label={t('care.rules.ruleAny')} error={err('rules', `rule${i}Any`)}>
                      <Input name={`rule${i}Any`} defaultValue={value('rules', `rule${i}Any`, refused('rules') ? '' : (r?.tagsAny ?? []).join('、'))} />
                    </Field>
                    <Field id={`care-rules-${i}-all`} label={t('care.rules.ruleAll')} error={err('rules', `rule${i}All`)}>
                      <Input name={`rule${i}All`} defaultValue={value('rules', `rule${i}All`, refused('rules') ? '' : (r?.tagsAll ?? []).join('、'))} />
                    </Field>
                    <Field id={`care-rules-${i}-age`} label={t('care.rules.ruleMinAge')} error={err('rules', `rule${i}MinAge`)}>
                      <Input name={`rule${i}MinAge`} inputMode="numeric" defaultValue={value('rules', `rule${i}MinAge`, refused('rules') ? '' : r?.minAge !== undefined ? String(r.minAge) : '')} />
                    </Field>
                  </div>
                );
              })}
            </fieldset>
            {submit('rules', t('care.rules.save'), { size: 'sm' })}
          </PostForm>
        ) : (
          <p className="text-slate-600" data-testid="care-rules-read-only">{t('care.rules.readOnly')}</p>
        )}
      </CardSection>
    </div>
  );
}
