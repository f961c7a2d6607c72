import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '@shequ/domain';
import { anonymousCaller, claimWish, listWishWall, volunteerSelfOf } from '@shequ/use-cases';
import { claimWishSchema } from '@shequ/use-cases/schemas';
import { ResidentRefusal } from '~/components/my-page/my-page-header.tsx';
import { Button } from '~/components/ui/button.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { useReply } from '~/lib/form-reply.tsx';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { actAsResident, residentError, runAsResident } from '~/lib/resident-scope.server.ts';
import { getResident, requireResident } from '~/lib/resident-session.server.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('volunteers.wishWall.title');

// The community's wish wall (心愿墙, issue 17): small wishes of people in need, in words staff wrote for the public;
// anyone sees it; a signed-in volunteer or party member claims one with a promised date (认领), staff confirm it lit.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const resident = await getResident(request, community.id);
  const wall = await runAsResident(community, (tx) => listWishWall(tx, anonymousCaller(), { tenantId: community.id }));
  return { slug: community.slug, wall, signedIn: Boolean(resident), today: chinaDate(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const submission = await readSubmission(request, claimWishSchema);
  if (submission.status !== 'success') return residentError('refusals.volunteer.wish.promise', 400, { days: 90 });
  const me = volunteerSelfOf(caller.resident);
  if (!me) return residentError('refusals.volunteer.wish.notEligible', 403);
  const acted = await actAsResident(community, (tx) => claimWish(tx, me, submission.value));
  if (!acted.ok) return acted.reply;
  return redirectWithToast(`/c/${community.slug}/me/volunteering`, 'volunteers.claimed');
}

export default function WishWall() {
  const { t } = useTranslation();
  const { slug, wall, signedIn, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  // Each claim is checked in the browser with the action's schema: one it refuses is not sent, its message beside the date.
  const { err, check, sent } = useReply(result, claimWishSchema);
  const error = sent ? null : result?.error;
  return (
    <ResidentPage title={t('volunteers.wishWall.title')} intro={t('volunteers.wishWall.intro')}>
      {error && result ? <ResidentRefusal refused={result} testId="form-error" /> : null}
      {wall.length === 0 ? <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-500">{t('volunteers.wishWall.empty')}</p> : null}
      <ul className="space-y-3">
        {wall.map((w) => (
          <li key={w.id} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="wall-wish">
            <p className="text-lg font-semibold text-slate-900">
              {w.status === 'lit' ? '💡 ' : ''}
              {w.title}
            </p>
            <p className="break-words text-slate-700">{w.text}</p>
            {w.status === 'lit' ? (
              <p className="text-amber-800">{w.thanks ? t('volunteers.wishWall.litThanks', { thanks: w.thanks }) : t('volunteers.wishWall.lit')}</p>
            ) : w.status === 'claimed' ? (
              <p className="text-sm text-slate-600">{t('volunteers.wishWall.claimed', { date: w.promisedOn })}</p>
            ) : signedIn ? (
              <Form {...check(`claim-${w.id}`)} method="post" noValidate className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="itemId" value={w.id} />
                <label className="text-sm text-slate-700">
                  {t('volunteers.wishWall.promise')}
                  <input type="date" name="promisedOn" min={today} defaultValue={today} className="mt-1 block h-11 rounded-md border border-slate-300 px-2" aria-describedby={`promised-${w.id}-error`} />
                  <FieldError id={`promised-${w.id}-error`}>{err(`claim-${w.id}`, 'promisedOn')}</FieldError>
                </label>
                <Button type="submit" disabled={busy} data-testid="claim-wish">
                  {t('volunteers.wishWall.claim')}
                </Button>
              </Form>
            ) : (
              <Link to={`/c/${slug}/me/sign-in?next=${encodeURIComponent(`/c/${slug}/wishes`)}`} className="text-brand-700 underline">
                {t('volunteers.wishWall.signIn')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </ResidentPage>
  );
}
