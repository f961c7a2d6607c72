import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { applyToTeam, becomeVolunteer, cancelSignup, confirmAttendance, issueVolunteerCertificate, listMyVolunteering, signUpForShift, UseCaseError } from '@shequ/use-cases';
import { myVolunteeringActionSchema } from '@shequ/use-cases/schemas';
import { MyVolunteering, type MyVolunteeringData } from '~/components/my-page/my-volunteering.tsx';
import { MyPageHeader } from '~/components/my-page/my-page-header.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { actAsResident, refusalProblems, runAsResident } from '~/lib/resident-scope.server.ts';
import { requireResident } from '~/lib/resident-session.server.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { volunteerSelfAction } from '~/routes/_resident+/volunteer-self.server.ts';

export const meta = pageTitle('me.sections.myVolunteering.title');

// 我的志愿服务 (issue 17): the signed-in resident's volunteering, and where its forms go: sign up for a shift, give
// up or confirm a place (the day-before step), apply to a team. The resident acts only for themselves (the use cases' VolunteerSelf caller); a
// refusal comes back on this page with its message, success goes back to it with a toast.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const mine = await runAsResident(community, (tx) => listMyVolunteering(tx, caller.resident));
  return { slug: community.slug, mine };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { answer, community, me, value: v } = await volunteerSelfAction(request, params.slug, myVolunteeringActionSchema, 'errors.badRequest');
  if (answer) return answer;
  if (v.intent === 'certificate') {
    // A certificate of everything approved so far, issued from the ledger, then its PDF.
    const cert = await actAsResident(community, (tx) => issueVolunteerCertificate(tx, me, { residentId: me.residentId }));
    if (!cert.ok) return cert.reply;
    return redirect(`/c/${community.slug}/me/certificates/${cert.value.id}`);
  }
  const acted = await actAsResident(community, async (tx) => {
    // A resident who is not a volunteer yet becomes one on the way, with the consent ticked in the same form (and a
    // guardian's for 14–17); for a volunteer this changes nothing. One transaction: a refused sign-up records nothing.
    const join = async () => becomeVolunteer(tx, me, { consent: 'consent' in v ? v.consent : false, guardianName: 'guardianName' in v ? v.guardianName : null, guardianRelation: 'guardianRelation' in v ? v.guardianRelation : null, guardianConsent: 'guardianConsent' in v ? v.guardianConsent : false });
    if (v.intent === 'signUp') {
      await join();
      return signUpForShift(tx, me, { shiftId: v.shiftId, residentId: me.residentId });
    }
    if (v.intent === 'cancel') return cancelSignup(tx, me, { signupId: v.signupId });
    if (v.intent === 'confirm') return confirmAttendance(tx, me, { signupId: v.signupId });
    await join();
    return applyToTeam(tx, me, { teamId: v.teamId, residentId: me.residentId });
  });
  // A second tap on 报名 finds the first one's place (booked or waiting): the page as it now is answers it, not a
  // refusal beside stale lists (found by an outside trial of issue 17).
  if (!acted.ok && v.intent === 'signUp' && acted.error instanceof UseCaseError && acted.error.code === 'volunteer.signup.duplicate') return redirect(`/c/${community.slug}/me/volunteering`);
  // A refused sign-up or application names its row (`target`), so that 我的 opens that step's consent form again.
  if (!acted.ok && (v.intent === 'signUp' || v.intent === 'apply')) {
    const problems = refusalProblems(acted.error);
    return data({ ...problems[0], problems, target: v.intent === 'signUp' ? v.shiftId : v.teamId }, { status: acted.refusal.status });
  }
  if (!acted.ok) return acted.reply;
  const done = acted.value;
  const back = `/c/${community.slug}/me/volunteering`;
  if (v.intent === 'signUp' && 'position' in done) return done.status === 'waiting' ? redirectWithToast(back, 'volunteers.queued', { n: done.position }) : redirectWithToast(back, 'volunteers.signedUp');
  return redirectWithToast(back, v.intent === 'cancel' ? 'volunteers.cancelled' : v.intent === 'confirm' ? 'volunteers.attending' : 'volunteers.applied');
}

export default function MyVolunteeringPage() {
  const { t } = useTranslation();
  const { slug, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <MyPageHeader title={t('me.sections.myVolunteering.title')} back={{ to: `/c/${slug}/me`, label: t('me.sections.myVolunteering.back') }} error={result} errorTestId="form-error" />
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <MyVolunteering data={mine as unknown as MyVolunteeringData} slug={slug} />
      </section>
    </div>
  );
}
