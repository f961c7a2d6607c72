import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { communityStarTitle } from '@shequ/domain';
import { decideRecognition, listRecognitions, nominateVolunteer } from '@shequ/use-cases';
import { recognitionsPageSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { DecisionButtons } from '~/components/ui/action-buttons.tsx';

export const meta = pageTitle('volunteers.recognitions.pageTitle');

// Recognitions (金元之星, issue 17): staff nominate a volunteer with a citation; the community admin (not the
// nominator) records the committee's decision; approved ones of volunteers who agreed go on the public honour wall.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const list = await runAsStaff(caller, (tx) => listRecognitions(tx, caller));
  // The honour's name after the community (金元社区 → 金元之星), not the seed community's in every community (found from outside).
  const star = communityStarTitle(caller.actor.workspace.orgUnitName);
  return { ...list, star, year: new Date(Date.now() + 8 * 3600_000).getUTCFullYear() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, recognitionsPageSchema, 'community');
  if (submission.status !== 'success') return replyInvalid(submission.payload.intent === 'decide' ? 'decide' : 'nominate', submission.error, submission.payload);
  const caller = { actor, ability };
  const v = submission.value;
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'nominate') await nominateVolunteer(tx, caller, v);
    else await decideRecognition(tx, caller, { recognitionId: v.recognitionId, approve: v.approve, note: v.note });
    return v.intent;
  });
  // A decision's refusal is said above the list (the nomination may have left it).
  if (!done.ok) return replyRefused(v.intent, done.error, submission.payload, v.intent === 'decide' ? { fields: {} } : {});
  return withToast(replySaved(v.intent), v.intent === 'nominate' ? 'volunteers.nominated' : 'volunteers.decided');
}

export default function RecognitionsPage() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const page = useLoaderData<typeof loader>();
  const { err, alert, submit, value, check } = useReply(useActionData<typeof action>(), recognitionsPageSchema);
  const busy = useNavigation().state !== 'idle';
  const fieldError = (name: string) => err('nominate', name);
  // What was typed into a refused nomination comes back (also without JavaScript).
  const typed = (name: string, fallback?: string) => value('nominate', name, fallback);
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.recognitions.title', { star: page.star })} description={t('volunteers.recognitions.intro')}>
        <p className="mt-2 flex flex-wrap gap-3 text-sm">
          <Link to="/community/volunteers" className="text-brand-700 underline">
            {t('volunteers.back')}
          </Link>
          {page.slug ? (
            <a href={`/c/${page.slug}/honours`} className="text-brand-700 underline">
              {t('volunteers.recognitions.wallLink')}
            </a>
          ) : null}
        </p>
      </PageHeader>
      {alert('decide')}
      {/* Who records the decision, and why nothing can be decided when nobody else may (found from outside: a community
          with a single admin who nominated could decide nothing, and the page did not say so). */}
      <Alert tone={page.canDecide && page.otherDeciders === 0 ? 'warning' : 'info'} data-testid="recognition-deciders">
        {page.canDecide ? (page.otherDeciders === 0 ? t('volunteers.recognitions.soleAdmin') : t('volunteers.recognitions.otherAdmins', { count: page.otherDeciders })) : t('volunteers.recognitions.adminDecides')}
        {page.canDecide && page.otherDeciders === 0 ? (
          <>
            {' '}
            <Link to="/community/staff" className="underline">
              {t('volunteers.recognitions.staffLink')}
            </Link>
          </>
        ) : null}
      </Alert>
      {page.canNominate ? (
        <Card className="p-4">
          <PostForm {...check('nominate')} className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <h2 className="text-base font-semibold md:col-span-2">{t('volunteers.recognitions.nominate')}</h2>
            <Field id="rc-person" label={t('volunteers.recognitions.person')} error={fieldError('residentId')} className="md:col-span-2">
              {/* One row per person, told apart by the masked mobile and the teams (two 龙** read alike: found from outside). */}
              <Select
                name="residentId"
                defaultValue={typed('residentId')}
                placeholder={t('volunteers.recognitions.personChoose')}
                options={page.volunteers.map((v) => ({ value: v.residentId, label: [v.nameHint, v.mobileHint, v.teams.join('、'), t('volunteers.recognitions.personHours', { hours: v.hours })].filter(Boolean).join(' · ') }))}
              />
            </Field>
            <Field id="rc-title" label={t('volunteers.recognitions.titleField')} error={fieldError('title')}>
              <Input name="title" defaultValue={typed('title', t('volunteers.recognitions.defaultTitle', { star: page.star }))} />
            </Field>
            <Field id="rc-year" label={t('volunteers.recognitions.year')} error={fieldError('year')}>
              <Input name="year" type="number" inputMode="numeric" defaultValue={typed('year', String(page.year))} />
            </Field>
            <Field id="rc-citation" label={t('volunteers.recognitions.citation')} error={fieldError('citation')} className="md:col-span-2">
              <Textarea name="citation" rows={3} defaultValue={typed('citation')} />
            </Field>
            {submit('nominate', t('volunteers.recognitions.submit'), { intent: 'nominate', className: 'md:col-span-2' })}
          </PostForm>
        </Card>
      ) : null}
      <CardList items={page.recognitions} empty={t('volunteers.recognitions.empty')} itemKey={(r) => r.id}>
        {(r) => (
          <Card className="space-y-2 p-4" data-testid="recognition">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.nameHint}</span>
              <span>
                {r.year} {r.title}
              </span>
              <Badge tone={r.status === 'approved' ? 'success' : r.status === 'declined' ? 'neutral' : 'progress'}>{tx(`volunteers.recognitions.status.${r.status}`)}</Badge>
            </p>
            <p className="break-words text-sm text-slate-700">{r.citation}</p>
            {r.note ? <p className="text-xs text-slate-500">{r.note}</p> : null}
            {r.status === 'nominated' && (r.mine || !page.canDecide) ? (
              <p className="text-sm text-amber-800" data-testid="recognition-waits">
                {r.mine ? t('volunteers.recognitions.waitsOther') : t('volunteers.recognitions.waitsAdmin')}
              </p>
            ) : null}
            {page.canDecide && r.status === 'nominated' && !r.mine ? (
              <PostForm {...check('decide')} hiddenFields={{ intent: 'decide', recognitionId: r.id }} className="flex flex-wrap items-end gap-2">
                <Field id={`note-${r.id}`} label={t('volunteers.recognitions.note')} className="min-w-0 flex-1">
                  <Input name="note" placeholder={t('volunteers.recognitions.notePlaceholder')} />
                </Field>
                <DecisionButtons name="approve" yes={t('volunteers.recognitions.approve')} no={t('volunteers.recognitions.decline')} busy={busy} />
              </PostForm>
            ) : null}
          </Card>
        )}
      </CardList>
    </div>
  );
}
