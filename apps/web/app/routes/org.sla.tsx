import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { withoutTenant } from '@shequ/db';
import { DEFAULT_CATEGORIES } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { listSlaPolicies } from '@shequ/use-cases';
import { SlaSettings } from '~/components/sla/sla-settings.tsx';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
import { saveSlaFromForm } from '~/lib/sla.server.ts';

// A district officer's defaults for the district's communities, and the district's working hours.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (actor.workspace.role !== 'district_officer') forbidden();
  const districtId = actor.workspace.orgUnitId!;
  await guard(() => assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: districtId })));
  return { rows: await withoutTenant(db, (tx) => listSlaPolicies(tx, ability, districtId)), categories: [...DEFAULT_CATEGORIES] };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, formData } = await requireMutation(request, 'org');
  if (actor.workspace.role !== 'district_officer') forbidden();
  return saveSlaFromForm(ability, actor.workspace.orgUnitId!, 'district', formData);
}

export default function DistrictSlaPage() {
  const { rows, categories } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-6xl">
      <SlaSettings rows={rows} kind="district" categories={categories} />
    </div>
  );
}
