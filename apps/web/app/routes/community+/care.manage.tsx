import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CARE_PERIOD_KINDS } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { careVisitRates, declareCarePeriod, handOverGrid, listCarePeriods, listCommunityChoices, listGrids, withdrawCarePeriod } from '@shequ/use-cases';
import { careManageFormSchema } from '@shequ/use-cases/schemas';
import { RateHeads } from '~/components/care/care-rates.tsx';
import { CareTabs } from '~/components/care/care-tabs.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { DateInput, MonthInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm, StepButton } from '~/components/ui/post-form.tsx';
import { Select } from '~/components/ui/select.tsx';
import { replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { keepPageOnNetworkLoss, skipAfterNetworkLoss } from '~/lib/network-loss.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { queryMonth } from '~/lib/query-params.ts';
import { chinaToday } from './meals.server.ts';
import { careCaller, minuteText, newVisitId, replyInvalidCare } from './care.server.ts';

export const meta = pageTitle('care.manage.title');

/** A post whose network drops on the way keeps the page and what was typed in its forms (lib/network-loss.ts). */
export const clientAction = keepPageOnNetworkLoss;
export const shouldRevalidate = skipAfterNetworkLoss();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Care management (issue 20): the monthly visit rate per tier (careVisitRates, counts only; a grid or the whole
 * community), the weather and festival periods, and grid hand-overs. Everyone who reads the roster sees the rates
 * and lists; declaring a period needs manage CareRoster, a hand-over also update Grid (the use cases check).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const tenantId = caller.actor.workspace.tenantId!;
  const month = queryMonth(request, chinaToday().slice(0, 7));
  const gridParam = new URL(request.url).searchParams.get('grid');
  const gridId = gridParam && UUID.test(gridParam) ? gridParam : null;
  return runAsStaff(caller, async (tx) => {
    const rates = await careVisitRates(tx, caller, { month, gridId });
    const lists = await listCarePeriods(tx, caller);
    const choices = await listCommunityChoices(tx, caller, { communityId: tenantId });
    const mayHandOver = caller.ability.can('update', subject('Grid', { tenantId, gridWorkerId: null })) && caller.ability.can('manage', subject('CareRoster', { tenantId }));
    const gridPage = mayHandOver ? await listGrids(tx, caller, { communityId: tenantId }) : null;
    return {
      // The period's id, drawn here (decision 078): the same declaration posted again declares it once.
      periodClientId: newVisitId(),
      month,
      gridId,
      grids: choices.grids,
      rates,
      // Each period with whether it can be withdrawn, else why not (listCarePeriods: withdrawCarePeriod's own rule).
      periods: lists.periods,
      handovers: lists.handovers.map((h) => ({ ...h, createdAt: minuteText(h.createdAt) })),
      mayDeclare: caller.ability.can('manage', subject('CareRoster', { tenantId })),
      handOver: gridPage ? { grids: gridPage.grids.map((g) => ({ id: g.id, name: g.name, worker: g.worker })), workers: gridPage.gridWorkers } : null,
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, careManageFormSchema, 'community');
  const caller = { actor, ability };
  if (submission.status !== 'success') return replyInvalidCare(submission);
  const v = submission.value;
  if (v.intent === 'period') {
    const done = await actAsStaff(caller, (tx) => declareCarePeriod(tx, caller, { kind: v.kind, name: v.name, firstDay: v.firstDay, lastDay: v.lastDay, clientId: v.clientId ?? null }));
    return done.ok ? withToast(replySaved('period'), 'care.periodSaved', { count: done.value.windows }) : replyRefused('period', done.error, submission.payload, { fields: { kind: 'kind', name: 'name', firstDay: 'firstDay', lastDay: 'lastDay' } });
  }
  if (v.intent === 'withdrawPeriod') {
    const done = await actAsStaff(caller, (tx) => withdrawCarePeriod(tx, caller, { periodId: v.periodId }));
    return done.ok ? withToast(replySaved('withdrawPeriod'), 'care.periodWithdrawn', { name: done.value.name, count: done.value.windows }) : replyRefused('withdrawPeriod', done.error);
  }
  const done = await actAsStaff(caller, (tx) => handOverGrid(tx, caller, { gridId: v.gridId, toUserId: v.toUserId }));
  return done.ok ? withToast(replySaved('handOver'), 'care.handedOver', { count: done.value.count }) : replyRefused('handOver', done.error, undefined, { fields: { gridId: 'gridId', toUserId: 'toUserId' } });
}

const pct = (rate: number | null) => (rate === null ? null : `${Math.round(rate * 1000) / 10}%`);

export default function CareManagePage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  // A refused form shows what was typed again, also on a page rendered anew (no JavaScript): value().
  const { alert, err, submit, value, check } = useReply(useActionData<typeof action>(), careManageFormSchema);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('care.manage.title')} />
      <CareTabs />

      <CardSection title={t('care.manage.ratesTitle')} bodyClassName="space-y-3">
        <p className="text-sm text-slate-600">
          {t('care.manage.ratesIntro')}{' '}
          <Link to="/help/metrics#care-visit-rate" className="text-brand-700 underline">
            {t('care.manage.rateHelp')}
          </Link>
        </p>
        <Form method="get" noValidate className="flex flex-wrap items-end gap-2">
          <label className="text-sm text-slate-700">
            <span className="mb-1 block">{t('care.manage.month')}</span>
            <MonthInput name="month" size="sm" defaultValue={page.month} />
          </label>
          <label className="min-w-0 flex-1 text-sm text-slate-700">
            <span className="mb-1 block">{t('care.manage.grid')}</span>
            <Select name="grid" size="sm" defaultValue={page.gridId ?? ''} placeholder={t('care.manage.allGrids')} options={page.grids.map((g) => ({ value: g.id, label: g.name }))} />
          </label>
          <Button type="submit" size="sm" variant="secondary">
            {t('care.manage.show')}
          </Button>
        </Form>
        <table className="w-full text-sm" data-testid="care-rates">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-500">
              <RateHeads />
            </tr>
          </thead>
          <tbody>
            {page.rates.tiers.map((r) => (
              <tr key={r.tier} className="border-b border-slate-100" data-testid={`care-rate-${r.tier}`}>
                <td className="py-1.5">{tt(`care.tier.${r.tier}`)}</td>
                <td className="py-1.5 text-right tabular-nums">{r.due}</td>
                <td className="py-1.5 text-right tabular-nums">{r.onTime}</td>
                <td className="py-1.5 text-right tabular-nums">{pct(r.rate) ?? t('care.manage.noRate')}</td>
              </tr>
            ))}
            <tr className="font-medium">
              <td className="py-1.5">{t('care.manage.total')}</td>
              <td className="py-1.5 text-right tabular-nums">{page.rates.total.due}</td>
              <td className="py-1.5 text-right tabular-nums">{page.rates.total.onTime}</td>
              <td className="py-1.5 text-right tabular-nums">{pct(page.rates.total.rate) ?? t('care.manage.noRate')}</td>
            </tr>
          </tbody>
        </table>
      </CardSection>

      <CardSection title={t('care.manage.periodsTitle')} bodyClassName="space-y-3 text-sm">
        <p className="text-slate-600">{t('care.manage.periodsIntro')}</p>
        <Link to="/community/care/rules" className="inline-block text-brand-700 underline" data-testid="care-rules-link">
          {t('care.rules.link')}
        </Link>
        {alert('withdrawPeriod')}
        {page.periods.length ? (
          <ul className="space-y-2" data-testid="care-periods">
            {page.periods.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2" data-testid="care-period">
                <span className="min-w-0 break-words">{t('care.manage.periodRow', { name: p.name, kind: tt(`care.manage.periodKinds.${p.kind}`), from: p.firstDay, to: p.lastDay, visited: p.visited, windows: p.windows })}</span>
                {!page.mayDeclare ? null : p.withdraw === 'ok' ? (
                  <PostForm hiddenFields={{ periodId: p.id }}>
                    <StepButton
                      intent="withdrawPeriod"
                      size="sm"
                      variant="secondary"
                      confirm={{ title: t('care.manage.periodWithdrawLabel', { name: p.name }), description: t('care.manage.periodWithdrawHint', { count: p.windows }) }}
                      data-testid="care-period-withdraw"
                    >
                      {t('care.manage.periodWithdraw')}
                    </StepButton>
                  </PostForm>
                ) : (
                  <span className="text-xs text-slate-500" data-testid="care-period-kept">
                    {t(p.withdraw === 'used' ? 'care.manage.periodUsed' : 'care.manage.periodOver')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">{t('care.manage.noPeriods')}</p>
        )}
        {page.mayDeclare ? (
          <PostForm {...check('period')} hiddenFields={{ intent: 'period', clientId: page.periodClientId }} className="grid gap-3 sm:grid-cols-2" data-testid="care-period-form">
            <Field id="care-period-kind" label={t('care.manage.periodKind')} error={err('period', 'kind')}>
              <Select name="kind" defaultValue={value('period', 'kind', 'weather')} options={CARE_PERIOD_KINDS.map((k) => ({ value: k, label: tt(`care.manage.periodKinds.${k}`) }))} />
            </Field>
            <Field id="care-period-name" label={t('care.manage.periodName')} error={err('period', 'name')}>
              <Input name="name" maxLength={40} defaultValue={value('period', 'name')} />
            </Field>
            <Field id="care-period-first" label={t('care.manage.periodFirst')} error={err('period', 'firstDay')}>
              <DateInput name="firstDay" defaultValue={value('period', 'firstDay')} />
            </Field>
            <Field id="care-period-last" label={t('care.manage.periodLast')} error={err('period', 'lastDay')}>
              <DateInput name="lastDay" defaultValue={value('period', 'lastDay')} />
            </Field>
            {submit('period', t('care.manage.periodSave'), { className: 'sm:col-span-2', size: 'sm' })}
          </PostForm>
        ) : null}
      </CardSection>

      <CardSection title={t('care.manage.handOverTitle')} bodyClassName="space-y-3 text-sm">
        <p className="text-slate-600">{t('care.manage.handOverIntro')}</p>
        {page.handovers.length ? (
          <ul className="space-y-1" data-testid="care-handovers">
            {page.handovers.map((h) => (
              <li key={h.id}>{t('care.manage.handOverRow', { grid: h.grid ?? '—', from: h.from ?? t('care.manage.nobody'), to: h.to ?? t('care.manage.nobody'), count: h.count, at: h.createdAt })}</li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">{t('care.manage.noHandOvers')}</p>
        )}
        {page.handOver ? (
          <PostForm {...check('handOver')} hiddenFields={{ intent: 'handOver' }} className="grid gap-3 sm:grid-cols-2" data-testid="care-handover-form">
            <Field id="care-handover-grid" label={t('care.manage.handOverGrid')} error={err('handOver', 'gridId')}>
              <Select name="gridId" options={page.handOver.grids.map((g) => ({ value: g.id, label: g.worker ? t('care.manage.gridWorker', { grid: g.name, worker: g.worker }) : t('care.manage.gridNoWorker', { grid: g.name }) }))} />
            </Field>
            <Field id="care-handover-to" label={t('care.manage.handOverTo')} error={err('handOver', 'toUserId')}>
              <Select name="toUserId" options={page.handOver.workers.map((w) => ({ value: w.id, label: w.name }))} />
            </Field>
            {submit('handOver', t('care.manage.handOverSave'), { className: 'sm:col-span-2', size: 'sm', variant: 'secondary' })}
          </PostForm>
        ) : null}
      </CardSection>
    </div>
  );
}
