import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { OnboardingForm } from '~/components/onboarding-form.tsx';
import { onboardableStreets, onboardFromForm } from '~/routes/operator+/communities.new.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('onboarding.title');

export async function loader({ request }: LoaderFunctionArgs) {
  return { streets: await onboardableStreets(await requireActor(request, 'operator')) };
}

export async function action({ request }: ActionFunctionArgs) {
  return onboardFromForm(request, 'operator');
}

export default function OperatorOnboarding() {
  return <OnboardingForm streets={useLoaderData<typeof loader>().streets} posterBase="/operator/communities" />;
}
