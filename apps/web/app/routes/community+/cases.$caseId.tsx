import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid, withTenant } from '@shequ/db';
import { allowedCaseActions, findPostsForWish, getCase, listReplyTemplates, listWishActivities, mayOrganiseForWish, revealReporterContact, staffActor } from '@shequ/use-cases';
import { caseActionInvalid, caseActionRefused, runCaseAction } from '~/routes/community+/cases.$caseId.server.ts';
import { CaseDetail } from '~/components/case/case-detail.tsx';
import { useRecurrenceLabel } from '~/components/committee/recurrence.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { caseActionSchema } from '@shequ/use-cases/schemas';
import { caseCode, pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('cases.inbox', caseCode);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.caseId)) notFound();
  try {
    return await withTenant(db, tenantId, async (tx) => {
      const view = await getCase(tx, { actor, ability }, { tenantId, caseId: params.caseId! });
      return {
        ...view,
        templates: await listReplyTemplates(tx, { actor, ability }, { tenantId }),
        allowed: allowedCaseActions(staffActor(actor), ability, view.case, view.gridWorkerId),
        canReveal: ability.can('reveal', 'PersonalData'),
        // Issue 17: the office may answer a wish with a volunteer activity (closing it resolves the wish).
        canOrganise: mayOrganiseForWish({ actor, ability }, view.case.status),
        // The activities organised for it: the wish links to them (closing one with its report resolves the wish).
        activities: await listWishActivities(tx, { actor, ability }, { caseId: params.caseId! }),
        // 居民点单、社区派单、单位接单 (issue 18): the partner units' posts the wish's words match (理发 → the barber's).
        posts: await findPostsForWish(tx, { actor, ability }, { caseId: params.caseId! }),
      };
    });
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, caseActionSchema, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.caseId)) notFound();
  if (submission.status !== 'success') return caseActionInvalid(submission);
  const posted = submission.value;
  const intent = posted.intent;
  try {
    return await withTenant(db, tenantId, async (tx) => {
      if (posted.intent === 'reveal') return withToast({ ok: intent, error: null, contact: await revealReporterContact(tx, { actor, ability }, { cipher: caseDeps.cipher, tenantId, caseId: params.caseId! }) }, `case.${intent}`);
      await runCaseAction(tx, { actor, ability }, { tenantId, caseId: params.caseId! }, posted);
      return withToast({ ok: intent, error: null, contact: null }, `case.${intent}`);
    });
  } catch (error) {
    return caseActionRefused(error);
  }
}

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <CaseDetail data={data} backTo="/community/cases" photoBase={`/community/cases/${data.case.id}/photos`} actions={{ assignees: data.assignees, templates: data.templates }} />
      <WishActivities activities={data.activities} />
      <MatchingPosts posts={data.posts} />
      {data.canOrganise ? <OrganiseLink caseId={data.case.id} /> : null}
    </>
  );
}

function OrganiseLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <p className="mt-4">
      <Link to={`/community/volunteers/activities/new?wish=${caseId}`} className="text-brand-700 underline" data-testid="organise-activity">
        {t('volunteers.newActivity.fromWishLink')}
      </Link>
    </p>
  );
}

/** The partner units' service posts that answer what the wish asks for, with the units that hold them (社区派单). */
function MatchingPosts({ posts }: { posts: ReturnType<typeof useLoaderData<typeof loader>>['posts'] }) {
  const { t } = useTranslation();
  const recurrence = useRecurrenceLabel();
  if (!posts.length) return null;
  return (
    <section className="mt-4 space-y-1" data-testid="matching-posts">
      <h2 className="font-medium text-slate-800">{t('committee.posts.forWish')}</h2>
      <ul className="space-y-1 text-sm text-slate-700">
        {posts.map((p) => (
          <li key={p.id} data-testid="matching-post">
            <Link to="/community/committee/posts" className="text-brand-700 underline">
              {p.title}
            </Link>{' '}
            · {recurrence(p.recurrence)}
            {p.place ? ` · ${p.place}` : ''} · {p.units.length ? p.units.join('、') : t('committee.posts.unclaimed')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The volunteer activities organised for this wish, each with its state (and its shift page for whoever runs its team). */
function WishActivities({ activities }: { activities: ReturnType<typeof useLoaderData<typeof loader>>['activities'] }) {
  const { t } = useTranslation();
  if (!activities.length) return null;
  return (
    <section className="mt-4 space-y-1" data-testid="wish-activities">
      <h2 className="text-base font-semibold">{t('volunteers.newActivity.wishActivities')}</h2>
      <ul className="space-y-1 text-sm">
        {activities.map((a) => (
          <li key={a.id}>
            {a.canOpen && a.firstShiftId ? (
              <Link to={`/community/volunteers/shifts/${a.firstShiftId}`} className="text-brand-700 underline">
                {a.title}
              </Link>
            ) : (
              a.title
            )}{' '}
            · {t(`volunteers.newActivity.activityStatus.${a.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
