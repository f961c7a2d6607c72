import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { anonymousCaller, chooseResidentCommunity, listResidentCommunityChoices } from '@shequ/use-cases';
import { chooseResidentCommunitySchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { db } from '~/lib/db.server.ts';
import { readSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireResident, residentSessionCookie } from '~/lib/resident-session.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

export const meta = pageTitle('me.chooseTitle');

// A number known in several communities chooses one (decision 035): the other communities whose register knows it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const choices = await withTenant(db, community.id, (tx) => listResidentCommunityChoices(tx, caller));
  if (!choices.length) throw redirect(`/c/${community.slug}/me`);
  return { community: { name: community.name, slug: community.slug }, choices };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const submission = await readSubmission(request, chooseResidentCommunitySchema);
  if (submission.status !== 'success') throw redirect(`/c/${community.slug}/me/choose`);
  const choices = await withTenant(db, community.id, (tx) => listResidentCommunityChoices(tx, caller));
  const chosen = choices.find((c) => c.id === submission.value.communityId);
  if (!chosen) throw redirect(`/c/${community.slug}/me/choose`);
  try {
    const session = await withTenant(db, chosen.id, (tx) => chooseResidentCommunity(tx, anonymousCaller(), { step: 'enter', from: caller.resident, communityId: chosen.id }));
    await withTenant(db, community.id, (tx) => chooseResidentCommunity(tx, anonymousCaller(), { step: 'leave', from: caller.resident }));
    return redirect(`/c/${chosen.slug}/me`, { headers: { 'Set-Cookie': residentSessionCookie(session!.token, session!.expiresAt) } });
  } catch (error) {
    if (isRefusal(error)) throw new Response(describeRefusal(error).message, { status: describeRefusal(error).status });
    throw error;
  }
}

export default function ChooseCommunity() {
  const { t } = useTranslation();
  const { community, choices } = useLoaderData<typeof loader>();
  return (
    <ResidentPage title={t('me.chooseTitle')} intro={t('me.chooseIntro')}>
      <ul className="space-y-3">
        {choices.map((c) => (
          <li key={c.id}>
            <Form method="post" noValidate>
              <input type="hidden" name="communityId" value={c.id} />
              <Button type="submit" size="lg" variant="secondary" className="w-full">
                {c.name}
              </Button>
            </Form>
          </li>
        ))}
      </ul>
      <Link to={`/c/${community.slug}/me`} className="block rounded-md bg-brand-600 px-4 py-3 text-center text-white">
        {t('me.stayHere', { community: community.name })}
      </Link>
    </ResidentPage>
  );
}
