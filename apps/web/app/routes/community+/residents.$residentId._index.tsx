import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTrackingCode } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { findResidents, getResident, getResidentServices, linkResidents, moveOutResident, revealResident, revokeResidentSessions } from '@shequ/use-cases';
import { residentPageFormSchema } from '@shequ/use-cases/schemas';
import { Alert, FormError } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardSection } from '~/components/ui/card.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge, caseStatusTone } from '~/components/ui/status-badge.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { badRequest } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { actAsStaff, refusalData, refusalReply, runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller, registerSubmission } from './residents.server.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('residents.title', (d) => (d as { resident?: { nameHint: string } } | undefined)?.resident?.nameHint);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  // The person first (a 404 for someone not the caller's), then what the later features recorded about them.
  return runAsStaff(caller, async (tx) => ({ ...(await getResident(tx, caller, { residentId: params.residentId! })), record: await getResidentServices(tx, caller, { residentId: params.residentId! }) }));
}

/** The person page's acts: reveal (audited), move out, add a family link; each form's messages beside its fields. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { caller, submission } = await registerSubmission(request, residentPageFormSchema);
  const residentId = params.residentId!;
  if (submission.status !== 'success') {
    const form = submission.payload.intent;
    if (form !== 'link' && form !== 'moveOut') badRequest();
    return data({ form, result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  if (v.intent === 'reveal') {
    const done = await actAsStaff(caller, (tx) => revealResident(tx, caller, { residentId, cipher: caseDeps.cipher }));
    return done.ok ? withToast({ revealed: done.value }, 'residents.revealed') : refusalData(done.error);
  }
  if (v.intent === 'revokeSessions') {
    // A lost phone or a number given up: every sign-in of this person ends (decision 035).
    const done = await actAsStaff(caller, (tx) => revokeResidentSessions(tx, caller, { residentId }));
    return done.ok ? withToast({ revoked: done.value.revoked }, 'residents.sessionsRevoked', { count: done.value.revoked }) : refusalData(done.error);
  }
  if (v.intent === 'moveOut') {
    const done = await actAsStaff(caller, (tx) => moveOutResident(tx, caller, { residentId, reason: v.reason || null }));
    return done.ok ? withToast({ movedOut: true }, 'residents.movedOut') : refusalReply(done.error, (o) => submission.reply(o), { form: 'moveOut', fields: { reason: 'reason' } });
  }
  const done = await actAsStaff(caller, async (tx) => {
    // The person first: someone not the caller's to see is a 404, whatever else was posted.
    await getResident(tx, caller, { residentId });
    const found = await findResidents(tx, caller, { q: v.other, cipher: caseDeps.cipher, pageSize: 2 });
    if (found.queryKind === 'name' || found.queryKind === null || found.rows.length !== 1) return null;
    return linkResidents(tx, caller, { residentId, otherId: found.rows[0]!.id, kind: v.kind, relation: v.relation ?? '' });
  });
  if (!done.ok) return refusalReply(done.error, (o) => submission.reply(o), { form: 'link', fields: { otherId: 'other', relation: 'relation', kind: 'kind' } });
  if (!done.value) return data({ form: 'link', result: submission.reply({ fieldErrors: { other: ['residents.person.linkNotFound'] } }) }, { status: 400 });
  return withToast({ form: 'link', result: submission.reply({ resetForm: true }), linked: true }, 'residents.linked');
}

/** One line of the person's 服务记录: what the feature is, then what it recorded. */
function RecordItem({ testId, title, children }: { testId: string; title: ReactNode; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <dt className="font-medium">{title}</dt>
      <dd className="text-slate-700">{children}</dd>
    </div>
  );
}

/** A feature's records, one per line (无 when there are none). */
function RecordLines<T extends { id: string }>({ rows, line }: { rows: readonly T[]; line: (row: T) => ReactNode }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="text-slate-500">{t('residents.person.record.none')}</p>;
  return (
    <ul className="space-y-0.5">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-wrap gap-x-2">
          {line(row)}
        </li>
      ))}
    </ul>
  );
}

export default function ResidentPage() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const ability = useAbility();
  const { tenantId } = useScope();
  const busy = useNavigation().state !== 'idle';
  const r = page.resident;
  const revealed = result && 'revealed' in result ? result.revealed : null;
  const refusal = result && 'refusal' in result ? result.refusal : null;
  const tr = useErrorText();
  const [moveOutForm, moveOutFields] = useSchemaForm(residentPageFormSchema, { id: 'moveOut', actionData: result });
  const [linkForm, linkFields] = useSchemaForm(residentPageFormSchema, { id: 'link', actionData: result, defaultValue: { intent: 'link', kind: 'household' } });
  // The discriminated schema's fields of each form (Conform types the union's fields loosely).
  const mf = moveOutFields as unknown as Record<'reason', Parameters<typeof getInputProps>[0]>;
  const lf = linkFields as unknown as Record<'other' | 'relation', Parameters<typeof getInputProps>[0]> & Record<'kind', Parameters<typeof getSelectProps>[0]>;
  const day = (d: string | Date) => new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
  const dateTime = (d: string) => new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const hours = (minutes: number) => Math.round(minutes / 6) / 10;
  const rec = page.record;
  const shown = new Set<string>(rec.sections);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={<span data-testid="resident-name">{revealed?.name ?? r.nameHint}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={r.status === 'active' ? 'success' : 'neutral'}>{t(`residents.status.${r.status}`)}</Badge>
            {r.gender ? <span>{t(`residents.gender.${r.gender}`)}</span> : null}
            {r.age !== null ? <span>{t('residents.person.age', { age: r.age })}</span> : null}
            {r.address ? <span>{r.address}</span> : null}
          </span>
        }
        actions={
          <>
            {page.may.edit ? (
              <Button asChild variant="secondary">
                <Link to={`/community/residents/${r.id}/edit`}>{t('residents.edit')}</Link>
              </Button>
            ) : null}
            {page.may.merge ? (
              <Button asChild variant="secondary">
                <Link to={`/community/residents/${r.id}/merge`}>{t('residents.merge')}</Link>
              </Button>
            ) : null}
            {/* The person's care page (issue 20): everyone who reads the roster; the page itself checks the person's grid. */}
            {ability.can('read', subject('CareRoster', { tenantId })) ? (
              <Button asChild variant="secondary">
                <Link to={`/community/care/${r.id}`} data-testid="resident-care-link">
                  {t('care.nav')}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <Link to="/community/residents" className="text-sm text-brand-700 underline">
        {t('residents.back')}
      </Link>
      {refusal ? <Alert tone="error">{tx(refusal.key, refusal.params)}</Alert> : null}
      {r.status === 'merged' && r.mergedIntoId ? (
        <Alert tone="info">
          {t('residents.person.mergedInto')}{' '}
          <Link className="underline" to={`/community/residents/${r.mergedIntoId}`}>
            {t('residents.person.openMerged')}
          </Link>
        </Alert>
      ) : null}
      <Card>
        <CardBody className="space-y-3">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">{t('residents.fields.mobile')}</dt>
              <dd className="tabular-nums" data-testid="resident-mobile">
                {revealed ? revealed.mobile ?? t('residents.person.noMobile') : r.mobileHint ?? t('residents.person.noMobile')}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('residents.fields.idNumber')}</dt>
              <dd className="break-all tabular-nums" data-testid="resident-id-number">
                {revealed ? revealed.idNumber ?? '—' : r.idNumberHint ?? '—'}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('residents.fields.birth')}</dt>
              <dd>{r.birth ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t('residents.fields.tags')}</dt>
              <dd className="flex flex-wrap gap-1">{page.tags.length ? page.tags.map((tag) => <Badge key={tag}>{tag}</Badge>) : '—'}</dd>
            </div>
            {r.note ? (
              <div className="sm:col-span-2">
                <dt className="text-slate-500">{t('residents.person.note')}</dt>
                <dd className="whitespace-pre-wrap">{r.note}</dd>
              </div>
            ) : null}
          </dl>
          <p className="text-xs text-slate-500">
            {t('residents.person.createdAt', { date: day(r.createdAt) })}
            {r.movedOutAt ? ` · ${t('residents.person.movedOutOn', { date: day(r.movedOutAt) })}` : null}
          </p>
          {page.movedOut ? (
            <p className="text-sm text-slate-700" data-testid="moved-out">
              {t('residents.person.movedOutLine', { date: day(page.movedOut.at), by: page.movedOut.by ?? '—', reason: page.movedOut.reason ?? t('residents.person.movedOutNoReason') })}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {page.may.reveal && !revealed ? (
              <PostButton intent="reveal" variant="secondary" busy={busy} data-testid="resident-reveal" title={t('residents.person.revealNote')}>
                {t('residents.person.reveal')}
              </PostButton>
            ) : null}
            {revealed ? <p className="text-xs text-amber-700">{t('residents.person.revealed')}</p> : null}
            {page.may.moveOut ? (
              <PostForm hiddenFields={{ intent: 'moveOut' }} {...getFormProps(moveOutForm)} className="space-y-1">
                <div className="flex flex-wrap items-end gap-2">
                  <Input {...getInputProps(mf.reason, { type: 'text' })} key={mf.reason.key} aria-label={t('residents.person.moveOutReason')} aria-invalid={mf.reason.errors ? true : undefined} placeholder={t('residents.person.moveOutReason')} className="h-9 w-56 text-sm" />
                  <ConfirmButton variant="danger" size="sm" title={t('residents.person.moveOutTitle')} description={t('residents.person.moveOutDescription')}>
                    {t('residents.person.moveOut')}
                  </ConfirmButton>
                </div>
                {tr(mf.reason.errors?.[0] ?? moveOutForm.errors?.[0]) ? <p className="text-sm text-red-600">{tr(mf.reason.errors?.[0] ?? moveOutForm.errors?.[0])}</p> : null}
              </PostForm>
            ) : null}
            {page.may.moveOut ? (
              <PostButton intent="revokeSessions" variant="secondary" data-testid="resident-revoke-sessions">
                {t('me.revoke')}
              </PostButton>
            ) : null}
          </div>
        </CardBody>
      </Card>

      <CardSection title={t('residents.person.wishes')}>
        {page.wishes.length ? (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="resident-wishes">
            {page.wishes.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link to={`/community/cases/${w.id}`} className="font-mono text-xs text-brand-700 underline">
                  {formatTrackingCode(w.trackingCode)}
                </Link>
                <Badge tone={caseStatusTone(w.status)}>{t(`cases.status.${w.status}`)}</Badge>
                <span className="min-w-0 flex-1 break-words">{w.content}</span>
                <span className="text-xs text-slate-500">
                  {day(w.createdAt)} · {t(w.linkedBy === 'mobile' ? 'residents.person.linkedByMobile' : 'residents.person.linkedByRecord')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t('residents.person.wishesEmpty')}</p>
        )}
      </CardSection>

      <CardSection title={t('residents.person.record.title')} bodyClassName="space-y-3 text-sm">
        <div data-testid="resident-record">
          <dl className="space-y-3">
            {shown.has('volunteering') ? (
              <RecordItem testId="record-volunteer" title={t('residents.person.record.volunteer')}>
                {rec.volunteering ? (
                  <>
                    <p>
                      {t('residents.person.record.hours', { year: hours(rec.volunteering.yearMinutes), total: hours(rec.volunteering.totalMinutes) })}
                      {rec.volunteering.active ? null : ` · ${t('residents.person.record.inactive')}`}
                    </p>
                    {rec.volunteering.pendingMinutes ? <p className="text-slate-500">{t('residents.person.record.pending', { hours: hours(rec.volunteering.pendingMinutes) })}</p> : null}
                    <ul className="mt-1 space-y-0.5">
                      {rec.volunteering.shifts.map((s) => (
                        <li key={s.id} className="flex flex-wrap gap-x-2">
                          <span className="text-slate-500">{s.day}</span>
                          <span className="min-w-0 break-words">{s.title ?? '—'}</span>
                          <span>{t('residents.person.record.hoursShort', { hours: hours(s.minutes) })}</span>
                          {s.status === 'pending' ? <span className="text-slate-500">{t('residents.person.record.pendingShort')}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="text-slate-500">{t('residents.person.record.notVolunteer')}</p>
                )}
              </RecordItem>
            ) : null}
            {rec.meals ? (
              <RecordItem testId="record-meals" title={t('residents.person.record.meals', { month: rec.meals.month })}>
                {t('residents.person.record.mealsCount', { booked: rec.meals.booked, served: rec.meals.served })}
                {rec.meals.category ? ` · ${t('residents.person.record.subsidy', { category: rec.meals.category })}` : null}
              </RecordItem>
            ) : null}
            {rec.services ? (
              <RecordItem testId="record-services" title={t('residents.person.record.services')}>
                <RecordLines
                  rows={rec.services}
                  line={(b) => (
                    <>
                      <span className="text-slate-500">{dateTime(b.startsAt)}</span>
                      <span className="min-w-0 break-words">{b.service}</span>
                      <span>{tx(`services.statuses.${b.status}`)}</span>
                    </>
                  )}
                />
              </RecordItem>
            ) : null}
            {rec.school ? (
              <RecordItem testId="record-school" title={t('residents.person.record.school')}>
                <RecordLines
                  rows={rec.school}
                  line={(e) => (
                    <>
                      <span className="min-w-0 break-words">{e.title}</span>
                      <span className="text-slate-500">
                        {tx(`school.weekdays.${e.weekday}`)} {String(e.startsAt).slice(0, 5)}
                      </span>
                      <span>{tx(`school.statuses.${e.status}`)}</span>
                    </>
                  )}
                />
              </RecordItem>
            ) : null}
            {shown.has('care') ? (
              <RecordItem testId="record-care" title={t('residents.person.record.care')}>
                {rec.care?.onRoster || rec.care?.tier ? (
                  <p>
                    {tx(`care.tier.${rec.care.tier ?? 'none'}`)} · {rec.care.lastVisitAt ? t('residents.person.record.lastVisit', { date: day(rec.care.lastVisitAt) }) : t('residents.person.record.noVisit')}
                    {rec.care.nextDueAt ? ` · ${t('residents.person.record.nextDue', { date: day(rec.care.nextDueAt) })}` : null}
                  </p>
                ) : (
                  <p className="text-slate-500">
                    {t('residents.person.record.notOnRoster')}
                    {rec.care?.lastVisitAt ? ` · ${t('residents.person.record.lastVisit', { date: day(rec.care.lastVisitAt) })}` : null}
                  </p>
                )}
              </RecordItem>
            ) : null}
          </dl>
        </div>
      </CardSection>

      <CardSection title={t('residents.person.links')} bodyClassName="space-y-3">
        {page.links.length ? (
          <ul className="space-y-1 text-sm">
            {page.links.map((l) => (
              <li key={l.id}>
                <Link to={`/community/residents/${l.otherId}`} className="text-brand-700 underline">
                  {l.otherHint}
                </Link>{' '}
                · {t(`residents.linkKinds.${l.kind}`)}
                {l.relation ? ` · ${l.relation}` : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t('residents.person.linksEmpty')}</p>
        )}
        {page.may.edit ? (
          <PostForm hiddenFields={{ intent: 'link' }} {...getFormProps(linkForm)} className="grid gap-2 sm:grid-cols-4 sm:items-end">
            <FormError errors={linkForm.errors} tr={tr} className="sm:col-span-4" />
            <Field id={lf.other.id} label={t('residents.person.linkOther')} hint={t('residents.person.linkOtherHint')} error={tr(lf.other.errors?.[0])} className="sm:col-span-2">
              <Input {...getInputProps(lf.other, { type: 'text' })} key={lf.other.key} />
            </Field>
            <Field id={lf.kind.id} label={t('residents.person.addLink')} error={tr(lf.kind.errors?.[0])}>
              <Select {...getSelectProps(lf.kind)} key={lf.kind.key} size="sm" options={(['household', 'family_contact'] as const).map((k) => ({ value: k, label: t(`residents.linkKinds.${k}`) }))} />
            </Field>
            <Field id={lf.relation.id} label={t('residents.person.linkRelation')} error={tr(lf.relation.errors?.[0])}>
              <Input {...getInputProps(lf.relation, { type: 'text' })} key={lf.relation.key} />
            </Field>
            <Button type="submit" size="sm" variant="secondary" disabled={busy}>
              {t('residents.person.linkSubmit')}
            </Button>
          </PostForm>
        ) : null}
      </CardSection>

      <CardSection title={t('residents.person.consents')}>
        <ul className="space-y-1 text-sm">
          {page.consents.map((c) => (
            <li key={c.id}>
              {t('residents.person.consentLine', { date: c.givenOn, purpose: t(`residents.consentPurposes.${c.purpose}`), channel: t(`residents.consentChannels.${c.channel}`) })}
              {c.recordedBy ? <span className="text-slate-500"> · {t('residents.person.recordedBy', { name: c.recordedBy })}</span> : null}
              {c.records > 1 ? <span className="text-slate-500"> · {t('residents.person.consentRecords', { count: c.records })}</span> : null}
            </li>
          ))}
        </ul>
        {page.mergedFrom.length ? (
          <div className="mt-3 text-sm">
            <p className="text-slate-500">{t('residents.person.mergedFrom')}</p>
            <ul>
              {page.mergedFrom.map((m) => (
                <li key={m.id}>
                  <Link to={`/community/residents/${m.id}`} className="text-brand-700 underline">
                    {m.nameHint}
                  </Link>{' '}
                  {m.mobileHint ?? ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardSection>
    </div>
  );
}
