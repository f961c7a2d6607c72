import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CARE_TIERS, MAJOR_CHANGE_KINDS } from '@shequ/domain';
import { findResidents, getCareRecipient, overrideCareTier, pairCareVolunteer, recordMajorChange } from '@shequ/use-cases';
import { carePersonFormSchema, VISIT_RECEIPT_GAP_MINUTES } from '@shequ/use-cases/schemas';
import { CareTabs, stateTone, tierTone } from '~/components/care/care-tabs.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection, RowList } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { type FormReply, useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { keepPageOnNetworkLoss, skipAfterNetworkLoss } from '~/lib/network-loss.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { careCaller, endText, minuteText, newVisitId, replyInvalidCare } from './care.server.ts';

export const meta = pageTitle('care.title', (d) => (d as { person?: { nameHint: string } } | undefined)?.person?.nameHint);

/** A post whose network drops on the way keeps the page and what was typed in its forms (lib/network-loss.ts). */
export const clientAction = keepPageOnNetworkLoss;
export const shouldRevalidate = skipAfterNetworkLoss();

/**
 * A person's care page (issue 20): tier with change-with-reason (the office and 社工), responsible grid worker, paired
 * volunteer, visits owed with their states, last visits, major changes and the form to record one. A grid worker
 * sees only the people of their grids: another's is the 404 page (getCareRecipient's scope).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const page = await runAsStaff(caller, (tx) => getCareRecipient(tx, caller, { residentId: params.residentId! }));
  return {
    ...page,
    override: page.override ? { tier: page.override.tier, reason: page.override.reason } : null,
    windows: page.windows.map((w) => ({ id: w.id, reason: w.reason, state: w.state, from: minuteText(w.opensAt).slice(5), to: endText(w.closesAt), countsKinds: w.countsKinds, visitedAt: w.visitedAt ? minuteText(w.visitedAt) : null })),
    // When the server received a visit, said only where it differs from the visit's date (decision 076).
    visits: page.visits.map((v) => ({ ...v, visitedAt: minuteText(v.visitedAt), receivedAt: Math.abs(v.receivedAt.getTime() - v.visitedAt.getTime()) > VISIT_RECEIPT_GAP_MINUTES * 60_000 ? minuteText(v.receivedAt) : null })),
    events: page.events.map((e) => ({ ...e, createdAt: minuteText(e.createdAt) })),
    // The major change's id, drawn here as the visit form's is (decision 078): the same form posted again records it once.
    majorId: newVisitId(),
  };
}

/** Set or clear the tier (with a reason), or record a major change; messages beside the fields of the form sent. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, carePersonFormSchema, 'community');
  const caller = { actor, ability };
  const residentId = params.residentId!;
  if (submission.status !== 'success') return replyInvalidCare(submission);
  const v = submission.value;
  if (v.intent === 'tier') {
    const done = await actAsStaff(caller, (tx) => overrideCareTier(tx, caller, { residentId, tier: v.tier ?? null, reason: v.reason }));
    return done.ok ? withToast(replySaved('tier'), 'care.tierSaved') : replyRefused('tier', done.error, undefined, { fields: { reason: 'reason', tier: 'tier' } });
  }
  if (v.intent === 'pair') {
    const done = await actAsStaff(caller, async (tx) => {
      // The person first: someone not the caller's to see is a 404, whatever else was posted.
      await getCareRecipient(tx, caller, { residentId });
      if (!v.other) return pairCareVolunteer(tx, caller, { residentId, volunteerId: null });
      const found = await findResidents(tx, caller, { q: v.other, cipher: caseDeps.cipher, pageSize: 2 });
      if (found.queryKind === 'name' || found.queryKind === null || found.rows.length !== 1) return null;
      return pairCareVolunteer(tx, caller, { residentId, volunteerId: found.rows[0]!.id });
    });
    if (!done.ok) return replyRefused('pair', done.error, undefined, { fields: {} });
    if (!done.value) return data<FormReply>({ form: 'pair', errors: { other: ['residents.person.linkNotFound'] }, error: null, params: {} }, { status: 422 });
    return withToast(replySaved('pair'), 'care.paired');
  }
  const done = await actAsStaff(caller, (tx) => recordMajorChange(tx, caller, { residentId, kind: v.kind, note: v.note ?? null, clientId: v.clientId ?? null }));
  return done.ok ? withToast(replySaved('majorChange'), 'care.majorSaved') : replyRefused('majorChange', done.error, undefined, { fields: { kind: 'kind', note: 'note' } });
}

export default function CarePersonPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { err, submit, check } = useReply(reply, carePersonFormSchema);
  const p = page.person;
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={<span data-testid="care-person-name">{p.nameHint}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={tierTone(page.tier)} data-testid="care-person-tier">
              {tt(`care.tier.${page.tier ?? 'none'}`)}
            </Badge>
            {p.age !== null ? <span>{t('residents.person.age', { age: p.age })}</span> : null}
            {p.address ? <span className="break-words">{p.address}</span> : null}
            {p.tags.map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
          </span>
        }
      />
      <CareTabs />
      <div className="flex flex-wrap items-center gap-2">
        {page.may.visit ? (
          <Button asChild>
            <Link to={`/community/care/${p.id}/visit`} data-testid="care-person-visit">
              {t('care.person.recordVisit')}
            </Link>
          </Button>
        ) : null}
        <Link to="/community/care" className="text-sm text-brand-700 underline">
          {t('care.person.back')}
        </Link>
      </div>
      {!page.onRoster ? <Alert tone="info">{t('care.person.notOnRoster')}</Alert> : null}

      <CardSection title={t('care.person.tierTitle')} bodyClassName="space-y-3 text-sm">
        <p>{page.computedTier ? t('care.person.computed', { tier: tt(`care.tier.${page.computedTier}`) }) : t('care.person.computedNone')}</p>
        {page.override ? <p data-testid="care-person-override">{t('care.person.override', { tier: tt(`care.tier.${page.override.tier}`), reason: page.override.reason })}</p> : null}
        {page.may.manage ? (
          <details className="rounded-md bg-slate-50 p-3" open={reply?.form === 'tier' && !reply.saved}>
            <summary className="cursor-pointer text-brand-700">{t('care.person.setTier')}</summary>
            <PostForm {...check('tier')} hiddenFields={{ intent: 'tier' }} className="mt-3 space-y-3" data-testid="care-tier-form">
              <Field id="care-tier" label={t('care.person.tierField')} error={err('tier', 'tier')}>
                <Select name="tier" defaultValue={page.override?.tier ?? ''} placeholder={t('care.person.byRule')} options={CARE_TIERS.map((x) => ({ value: x, label: tt(`care.tier.${x}`) }))} />
              </Field>
              <Field id="care-reason" label={t('care.person.reasonField')} hint={t('care.person.reasonHint')} error={err('tier', 'reason')}>
                <Input name="reason" maxLength={200} defaultValue={page.override?.reason ?? ''} />
              </Field>
              {submit('tier', t('care.person.saveTier'), { size: 'sm' })}
            </PostForm>
          </details>
        ) : null}
      </CardSection>

      <CardSection title={t('care.person.people')}>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t('care.person.worker')}</dt>
            <dd data-testid="care-person-worker">{page.worker ?? t('care.person.none')}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('care.person.volunteer')}</dt>
            <dd data-testid="care-person-volunteer">{page.volunteer?.nameHint ?? t('care.person.none')}</dd>
          </div>
        </dl>
        {page.may.manage && page.onRoster ? (
          <PostForm {...check('pair')} hiddenFields={{ intent: 'pair' }} className="mt-3 space-y-2" data-testid="care-pair-form">
            <Field id="care-pair-other" label={t('care.person.pairField')} hint={t('care.person.pairHint')} error={err('pair', 'other')}>
              <Input name="other" maxLength={30} inputMode="text" autoComplete="off" />
            </Field>
            {submit('pair', t('care.person.pairSave'), { size: 'sm', variant: 'secondary' })}
          </PostForm>
        ) : null}
      </CardSection>

      <CardSection title={t('care.person.windows')}>
        <RowList items={page.windows} empty={t('care.person.noWindows')} itemKey={(w) => w.id} testId="care-person-windows">
          {(w) => (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={stateTone(w.state)}>{tt(`care.state.${w.state}`)}</Badge>
                <span>{t('care.person.window', { reason: tt(`care.reason.${w.reason}`), from: w.from, to: w.to })}</span>
              </div>
              <p className="text-xs text-slate-500">{t('care.person.counts', { kinds: w.countsKinds.map((k) => tt(`care.kind.${k}`)).join('、') })}</p>
            </>
          )}
        </RowList>
      </CardSection>

      <CardSection title={t('care.person.visits')}>
        <RowList items={page.visits} empty={t('care.person.noVisits')} itemKey={(v) => v.id} testId="care-person-visits">
          {(v) => (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium tabular-nums">{v.visitedAt}</span>
                <Badge>{tt(`care.kind.${v.kind}`)}</Badge>
                {v.offline ? <Badge tone="info">{t('care.person.offline')}</Badge> : null}
                {v.receivedAt ? (
                  <span className="text-xs text-slate-500" data-testid="care-visit-received">
                    {t('care.person.receivedAt', { at: v.receivedAt })}
                  </span>
                ) : null}
                {v.hasPhoto ? <Badge tone="muted">{t('care.person.photo')}</Badge> : null}
                {v.hasLocation ? <Badge tone="muted">{t('care.person.location')}</Badge> : null}
                {v.caseId ? (
                  <Link to={`/community/cases/${v.caseId}`} className="text-brand-700 underline">
                    {t('care.person.caseLink')}
                  </Link>
                ) : null}
              </div>
              <p className="text-slate-600">
                {[
                  v.seen ? tt(`care.visit.choices.seen.${v.seen}`) : null,
                  v.living ? tt(`care.visit.choices.living.${v.living}`) : null,
                  v.health ? tt(`care.visit.choices.health.${v.health}`) : null,
                  v.familyCare ? tt(`care.visit.choices.family.${v.familyCare}`) : null,
                  ...v.safety.map((s) => tt(`care.visit.choices.safety.${s}`)),
                  ...v.needs.map((s) => tt(`care.visit.choices.needs.${s}`)),
                ]
                  .filter(Boolean)
                  .join('、')}
              </p>
              {v.note ? <p className="whitespace-pre-wrap break-words text-slate-700">{v.note}</p> : null}
              {v.hasPhoto && page.may.photos ? (
                <a href={`/community/care/${page.person.id}/visits/${v.id}/photo`} target="_blank" rel="noreferrer" className="inline-block" data-testid="care-visit-photo">
                  <img src={`/community/care/${page.person.id}/visits/${v.id}/photo`} alt={t('care.person.photoAlt', { at: v.visitedAt })} loading="lazy" className="h-24 w-auto max-w-full rounded border border-slate-200 object-cover" />
                </a>
              ) : null}
              {v.visitor ? <p className="text-xs text-slate-500">{t('care.person.visitor', { name: v.visitor })}</p> : null}
            </>
          )}
        </RowList>
      </CardSection>

      <CardSection title={t('care.person.majorTitle')} bodyClassName="space-y-3 text-sm">
        <p className="text-slate-600">{t('care.person.majorHint')}</p>
        {page.events.length ? (
          <ul className="space-y-1 text-slate-600" aria-label={t('care.person.events')}>
            {page.events.map((e) => (
              <li key={e.id}>
                {e.createdAt} · {tt(`care.majorKinds.${e.kind}`, { defaultValue: e.kind })}
                {e.note ? ` · ${e.note}` : null}
              </li>
            ))}
          </ul>
        ) : null}
        <PostForm {...check('majorChange')} hiddenFields={{ intent: 'majorChange', clientId: page.majorId }} className="space-y-3" data-testid="care-major-form">
          <Field id="care-major-kind" label={t('care.person.majorKind')} error={err('majorChange', 'kind')}>
            <Select name="kind" defaultValue="hospital" options={MAJOR_CHANGE_KINDS.map((k) => ({ value: k, label: tt(`care.majorKinds.${k}`) }))} />
          </Field>
          <Field id="care-major-note" label={t('care.person.majorNote')} error={err('majorChange', 'note')}>
            <Textarea name="note" maxLength={300} rows={2} />
          </Field>
          {submit('majorChange', t('care.person.majorSave'), { size: 'sm', variant: 'secondary' })}
        </PostForm>
      </CardSection>
    </div>
  );
}
