import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { OnboardingForm } from '~/components/onboarding-form.tsx';
import { onboardableStreets, onboardFromForm } from '~/routes/operator+/communities.new.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('onboarding.title');

// Delegated onboarding: a district officer opens communities in their own district (the streets offered, and the
// server check in onboardCommunity, both come from the same ability).
export async function loader({ request }: LoaderFunctionArgs) {
  const streets = await onboardableStreets(await requireActor(request, 'org'));
  if (streets.length === 0) forbidden();
  return { streets };
}

export async function action({ request }: ActionFunctionArgs) {
  return onboardFromForm(request, 'org');
}

export default function DistrictOnboarding() {
  return <OnboardingForm streets={useLoaderData<typeof loader>().streets} posterBase="/org/communities" />;
}
