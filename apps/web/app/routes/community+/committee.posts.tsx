import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDate, chinaDateTime, OCCURRENCE_MONTHS_AHEAD, occurrenceHorizon, occurrenceRecordOpensAt } from '@shequ/domain';
import { checkInOccurrence, claimServicePost, createServicePost, generateOccurrences, issueOccurrenceCode, listServicePosts, recordOccurrence, setServicePostLeader } from '@shequ/use-cases';
import { postsPageFormSchema } from '@shequ/use-cases/schemas';
import { CommitteeCard, CommitteeForm } from '~/components/committee/committee-form.tsx';
import { CommitteeTabs, useReply } from '~/components/committee/committee-tabs.tsx';
import { useRecurrenceLabel } from '~/components/committee/recurrence.ts';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actOnCommittee, committeeCaller, communitySlug, loadCommittee } from './committee.server.ts';

export const meta = pageTitle('committee.posts.title');

// Service posts (服务岗位, issue 18): what the community asks for, where and when (weekly, or the n-th weekday of
// each month), the units that claimed each post, and each occurrence recorded as delivered (with the people served),
// missed or cancelled, or checked in by its code (a one-time code and its QR issued here, shown at the post): the
// occurrences make each unit's 承诺兑现率. Delivered ones have a page residents rate.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await committeeCaller(request);
  return loadCommittee(caller, async (tx) => {
    const list = await listServicePosts(tx, caller);
    const slug = await communitySlug(tx, caller);
    // A code in the address (?code=) fills the desk's check-in box; the QR itself opens the unit's public page.
    const code = (new URL(request.url).searchParams.get('code') ?? '').trim().slice(0, 20);
    return { ...list, slug, today: chinaDate(new Date()), horizon: occurrenceHorizon(chinaDate(new Date())), code };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, postsPageFormSchema, 'community');
  if (submission.status !== 'success') {
    const p = submission.payload;
    const form = p.intent === 'claim' || p.intent === 'leader' ? `${p.intent}:${String(p.postId ?? '')}` : p.intent === 'record' || p.intent === 'issueCode' ? `${p.intent}:${String(p.occurrenceId ?? '')}` : String(p.intent ?? '');
    return replyInvalidSubmission(submission, { form, keepTyped: true });
  }
  const v = submission.value;
  const caller = { actor, ability };
  const form = v.intent === 'claim' || v.intent === 'leader' ? `${v.intent}:${v.postId}` : v.intent === 'record' || v.intent === 'issueCode' ? `${v.intent}:${v.occurrenceId}` : v.intent;
  const done = await actOnCommittee(caller, async (tx) => {
    if (v.intent === 'post') return createServicePost(tx, caller, v);
    if (v.intent === 'leader') return setServicePostLeader(tx, caller, v);
    if (v.intent === 'claim') {
      const claim = await claimServicePost(tx, caller, v);
      // The claim's promises for the next three months, at once (the same as 生成场次).
      await generateOccurrences(tx, caller, { from: v.claimedOn, to: occurrenceHorizon(chinaDate(new Date())) });
      return claim;
    }
    if (v.intent === 'record') return recordOccurrence(tx, caller, v);
    if (v.intent === 'issueCode') {
      const issued = await issueOccurrenceCode(tx, caller, { occurrenceId: v.occurrenceId });
      return { ...issued, slug: await communitySlug(tx, caller) };
    }
    if (v.intent === 'checkIn') return checkInOccurrence(tx, caller, { code: v.code, peopleServed: v.peopleServed });
    return generateOccurrences(tx, caller, { from: chinaDate(new Date()), to: occurrenceHorizon(chinaDate(new Date())) });
  });
  if (!done.ok) return replyRefused(form, done.error, submission.payload);
  if (v.intent === 'issueCode') {
    // The code is shown once, with its QR (what the post shows; the code is stored only as a hash). The QR opens the
    // public check-in page with the code filled in (decision 057): the unit's representative checks in on a phone with
    // no account; staff may still type the code on this page.
    const { code, slug } = done.value as { code: string; slug: string };
    const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
    const qr = `data:image/svg+xml;base64,${Buffer.from(await qrSvg(`${base}/c/${slug}/post-check-in?code=${code}`)).toString('base64')}`;
    return withToast(replySaved(form, { code, qr, occurrenceId: v.occurrenceId }), 'committee.posts.done.issueCode');
  }
  // 生成场次 says how many and up to which day (the list shows them all: it ran to 30 days and hid January).
  if (v.intent === 'generate') return withToast(replySaved(form), 'committee.posts.done.generate', { count: (done.value as { created: number }).created, to: occurrenceHorizon(chinaDate(new Date())) });
  return withToast(replySaved(form), `committee.posts.done.${v.intent}`);
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export default function PostsPage() {
  const { t } = useTranslation();
  const tk = useLooseT();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { err, alert, value, resetKey, refused, sent, submit, check } = useReply(reply, postsPageFormSchema);
  const issued = reply as { code?: string; qr?: string; occurrenceId?: string } | undefined;
  const can = useCommunityCan();
  const canCreate = can('create', 'PartnerUnit');
  const canUpdate = can('update', 'PartnerUnit');
  const recurrence = useRecurrenceLabel();
  const recurrenceOptions = [
    ...WEEKDAYS.map((d) => ({ value: `weekly:${d}`, label: recurrence(`weekly:${d}`) })),
    ...[1, 2, 3, 4].flatMap((n) => WEEKDAYS.map((d) => ({ value: `monthly:${n}:${d}`, label: recurrence(`monthly:${n}:${d}`) }))),
  ];
  const now = Date.now();
  // A post's leader, chosen from the community's current party members, and whether the post requires one.
  // A function, not a component: a component declared here would be a new type on each render and lose what was typed.
  const leaderFields = (id: string, form: string, current: string, required: boolean) => (
    <>
      <Field id={id} label={t('committee.posts.leader')} optional={t('committee.optional')} hint={t('committee.posts.leaderHint')} error={err(form, 'leaderResidentId')}>
        <Select
          name="leaderResidentId"
          placeholder={t('committee.posts.noLeader')}
          defaultValue={value(form, 'leaderResidentId', current)}
          options={data.leaders.map((l) => ({ value: l.residentId, label: [l.nameHint, l.orgName, l.workUnit].filter(Boolean).join(' · ') }))}
        />
      </Field>
      <Checkbox name="requiresPartyLeader" defaultChecked={refused(form) ? value(form, 'requiresPartyLeader') === 'on' : required} label={t('committee.posts.requiresPartyLeader')} className="self-end" />
    </>
  );
  return (
    <div className="space-y-4">
      <PageHeader title={t('committee.posts.title')} description={t('committee.posts.intro', { count: data.posts.length })} />
      <CommitteeTabs />
      {canUpdate ? (
        <Form method="post" noValidate className="flex flex-wrap items-center gap-2" data-testid="generate-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="generate" />
          <Button type="submit" variant="secondary" size="sm" disabled={busy}>
            {t('committee.posts.generate', { months: OCCURRENCE_MONTHS_AHEAD })}
          </Button>
          <p className="text-sm text-slate-600" data-testid="generate-hint">
            {t('committee.posts.generateHint', { to: data.horizon })}
          </p>
        </Form>
      ) : null}

      {canUpdate ? (
        <Card>
          <CardBody>
            <Form {...check('checkIn')} key={resetKey('checkIn')} method="post" noValidate className="flex flex-wrap items-end gap-2" data-testid="occurrence-check-in">
              <CsrfInput />
              <input type="hidden" name="intent" value="checkIn" />
              <h2 className="w-full text-base font-semibold">{t('committee.posts.checkInTitle')}</h2>
              <Field id="oc-code" label={t('committee.posts.checkInCode')} error={err('checkIn', 'code')} className="w-40">
                <Input name="code" autoComplete="off" className="uppercase" defaultValue={value('checkIn', 'code', sent === 'checkIn' ? '' : data.code)} />
              </Field>
              <Field id="oc-served" label={t('committee.posts.peopleServed')} optional={t('committee.optional')} error={err('checkIn', 'peopleServed')} className="w-28">
                <Input name="peopleServed" inputMode="numeric" />
              </Field>
              <Button type="submit" size="sm" disabled={busy}>
                {t('committee.posts.checkIn')}
              </Button>
              {alert('checkIn')}
            </Form>
          </CardBody>
        </Card>
      ) : null}
      {data.posts.length === 0 ? <EmptyState title={t('committee.posts.empty')} /> : null}
      <ul className="space-y-3" data-testid="posts">
        {data.posts.map((p) => {
          const claimForm = `claim:${p.id}`;
          const leaderForm = `leader:${p.id}`;
          return (
            <li key={p.id}>
              <Card data-testid="post">
                <CardBody className="space-y-2">
                  <p className="break-words font-medium">{p.title}</p>
                  <p className="text-sm text-slate-600">
                    {recurrence(p.recurrence)} {p.startTime} · {p.place ?? ''} {p.audience ? `· ${p.audience}` : ''} {p.capacity ? `· ${t('committee.posts.capacity', { n: p.capacity })}` : ''}
                  </p>
                  <p className="flex flex-wrap gap-1 text-xs">
                    {p.claims.length ? p.claims.map((c) => <Badge key={c.id} tone="success">{c.unit}</Badge>) : <Badge tone="muted">{t('committee.posts.unclaimed')}</Badge>}
                  </p>
                  <p className="flex flex-wrap items-center gap-1 text-sm text-slate-600" data-testid="post-leader">
                    {t('committee.posts.leader')}：{p.leader ? p.leader.nameHint : t('committee.posts.noLeader')}
                    {p.requiresPartyLeader ? <Badge tone={p.leader?.partyMember ? 'success' : 'danger'}>{p.leader?.partyMember ? t('committee.posts.partyLeader') : t('committee.posts.partyLeaderMissing')}</Badge> : null}
                  </p>
                  {p.occurrences.length ? (
                    <ul className="space-y-1 text-sm">
                      {p.occurrences.map((o) => {
                        const recordForm = `record:${o.id}`;
                        const due = new Date(o.startsAt).getTime() <= now;
                        // Delivered from two hours before the start, missed from the start; called off at any time (decision 074).
                        const deliverable = occurrenceRecordOpensAt('delivered', new Date(o.startsAt))!.getTime() <= now;
                        return (
                          <li key={o.id} className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-1">
                            <span className="tabular-nums">{chinaDateTime(new Date(o.startsAt)).slice(0, 16)}</span>
                            <span className="text-slate-600">{o.unit}</span>
                            <Badge tone={o.status === 'delivered' ? 'success' : o.status === 'missed' ? 'danger' : o.status === 'cancelled' ? 'muted' : 'info'}>
                              {tk(`committee.posts.status.${o.status}`)}
                              {o.status === 'delivered' && o.peopleServed !== null ? ` · ${t('committee.posts.served', { n: o.peopleServed })}` : ''}
                            </Badge>
                            {o.status === 'delivered' ? (
                              <a href={`/c/${data.slug}/rate/${o.id}`} className="text-xs text-brand-700 underline">
                                {t('committee.posts.ratePage')}
                              </a>
                            ) : null}
                            {canUpdate && o.status === 'scheduled' ? (
                              <Form method="post" noValidate>
                                <CsrfInput />
                                <input type="hidden" name="intent" value="issueCode" />
                                <input type="hidden" name="occurrenceId" value={o.id} />
                                <Button type="submit" size="sm" variant="ghost" disabled={busy} data-testid="issue-occurrence-code">
                                  {t('committee.posts.issueCode')}
                                </Button>
                              </Form>
                            ) : null}
                            {issued && issued.occurrenceId === o.id && issued.code && issued.qr ? (
                              <div className="w-full space-y-1 rounded-md bg-slate-50 p-2" data-testid="occurrence-code">
                                <p className="break-words text-sm">{t('committee.posts.codeShown', { code: issued.code })}</p>
                                <img src={issued.qr} alt={t('committee.posts.codeQrAlt')} className="h-32 w-32" />
                              </div>
                            ) : null}
                            {canUpdate && o.status !== 'delivered' && (due || o.status === 'scheduled') ? (
                              <Form {...check(recordForm)} method="post" noValidate className="flex w-full flex-wrap items-end gap-2">
                                <CsrfInput />
                                <input type="hidden" name="intent" value="record" />
                                <input type="hidden" name="occurrenceId" value={o.id} />
                                {deliverable ? (
                                  <>
                                    <Field id={`served-${o.id}`} label={t('committee.posts.peopleServed')} error={err(recordForm, 'peopleServed')} className="w-28">
                                      <Input name="peopleServed" inputMode="numeric" className="h-9 text-sm" />
                                    </Field>
                                    <Button type="submit" name="status" value="delivered" size="sm" disabled={busy}>
                                      {t('committee.posts.delivered')}
                                    </Button>
                                  </>
                                ) : null}
                                {due ? (
                                  <Button type="submit" name="status" value="missed" size="sm" variant="secondary" disabled={busy}>
                                    {t('committee.posts.missed')}
                                  </Button>
                                ) : null}
                                <Button type="submit" name="status" value="cancelled" size="sm" variant="ghost" disabled={busy}>
                                  {t('committee.posts.cancelled')}
                                </Button>
                                {alert(recordForm)}
                              </Form>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                  {canUpdate ? (
                    <details className="rounded-md border border-slate-200 p-2" open={sent === leaderForm}>
                      <summary className="cursor-pointer text-sm text-brand-700">{t('committee.posts.setLeader')}</summary>
                      <CommitteeForm intent="leader" {...check(leaderForm)} grid submitLabel={t('committee.posts.saveLeader')} busy={busy} alert={alert(leaderForm)} resetKey={resetKey(leaderForm)} className="mt-2" data-testid="leader-form">
                        <input type="hidden" name="postId" value={p.id} />
                        {leaderFields(`leader-${p.id}`, leaderForm, p.leader?.residentId ?? '', p.requiresPartyLeader)}
                      </CommitteeForm>
                    </details>
                  ) : null}
                  {canUpdate ? (
                    <details className="rounded-md border border-slate-200 p-2" open={reply?.form === claimForm}>
                      <summary className="cursor-pointer text-sm text-brand-700">{t('committee.posts.claim')}</summary>
                      <Form {...check(claimForm)} method="post" noValidate className="mt-2 grid gap-2 sm:grid-cols-3">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="claim" />
                        <input type="hidden" name="postId" value={p.id} />
                        <Field id={`unit-${p.id}`} label={t('committee.posts.unit')} error={err(claimForm, 'partnerUnitId')} className="sm:col-span-2">
                          <Select name="partnerUnitId" placeholder={t('committee.choose')} options={optionsOf(data.units)} />
                        </Field>
                        <Field id={`on-${p.id}`} label={t('committee.posts.claimedOn')} error={err(claimForm, 'claimedOn')}>
                          <Input name="claimedOn" type="date" min={data.today} defaultValue={value(claimForm, 'claimedOn', data.today)} />
                        </Field>
                        {submit(claimForm, t('committee.posts.claim'), { className: 'sm:col-span-3', size: 'sm' })}
                      </Form>
                    </details>
                  ) : null}
                </CardBody>
              </Card>
            </li>
          );
        })}
      </ul>

      {canCreate ? (
        <CommitteeCard title={t('committee.posts.new')}>
          <CommitteeForm intent="post" {...check('post')} grid submitLabel={t('committee.posts.create')} busy={busy} alert={alert('post')} resetKey={resetKey('post')} data-testid="post-form">
            <Field id="p-title" label={t('committee.fields.title')} error={err('post', 'title')}>
              <Input name="title" maxLength={100} defaultValue={value('post', 'title')} />
            </Field>
            <Field id="p-audience" label={t('committee.posts.audience')} optional={t('committee.optional')} error={err('post', 'audience')}>
              <Input name="audience" maxLength={100} defaultValue={value('post', 'audience')} />
            </Field>
            <Field id="p-place" label={t('committee.fields.place')} optional={t('committee.optional')} error={err('post', 'place')}>
              <Input name="place" maxLength={200} defaultValue={value('post', 'place')} />
            </Field>
            <Field id="p-rec" label={t('committee.posts.recurrence')} error={err('post', 'recurrence')}>
              <Select name="recurrence" defaultValue={value('post', 'recurrence', 'monthly:2:6')} options={recurrenceOptions} />
            </Field>
            <Field id="p-time" label={t('committee.posts.startTime')} error={err('post', 'startTime')}>
              <Input name="startTime" type="time" defaultValue={value('post', 'startTime', '09:00')} />
            </Field>
            <Field id="p-duration" label={t('committee.posts.duration')} error={err('post', 'durationMinutes')}>
              <Input name="durationMinutes" inputMode="numeric" defaultValue={value('post', 'durationMinutes', '120')} />
            </Field>
            <Field id="p-capacity" label={t('committee.posts.capacityLabel')} optional={t('committee.optional')} error={err('post', 'capacity')}>
              <Input name="capacity" inputMode="numeric" defaultValue={value('post', 'capacity')} />
            </Field>
            <Field id="p-keywords" label={t('committee.posts.keywords')} hint={t('committee.posts.keywordsHint')} error={err('post', 'keywords')}>
              <Input name="keywords" maxLength={200} defaultValue={value('post', 'keywords')} />
            </Field>
            {leaderFields('p-leader', 'post', '', false)}
          </CommitteeForm>
        </CommitteeCard>
      ) : null}
    </div>
  );
}
