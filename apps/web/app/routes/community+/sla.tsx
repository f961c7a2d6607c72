import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { inheritedSlaPolicies, listCommunityChoices, listSlaPolicies } from '@shequ/use-cases';
import { SlaSettings } from '~/components/sla/sla-settings.tsx';
import { db, withActor } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { slaFormSchema } from '@shequ/use-cases/schemas';
import { saveSlaFromForm, slaFormRefused } from '~/routes/community+/sla.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('slaAdmin.title');

// A community admin's own time limits (on top of the district's defaults), generally and per category.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: tenantId })));
  const { categories } = await withTenant(db, tenantId, (tx) => listCommunityChoices(tx, { actor, ability }, { communityId: tenantId }));
  const names = categories.map((c) => c.name);
  return withActor(actor, async (tx) => {
    const rows = await listSlaPolicies(tx, { actor, ability }, { orgUnitId: tenantId });
    const inherited = await inheritedSlaPolicies(tx, { actor, ability }, { orgUnitId: tenantId, categoryNames: [...names, ...rows.flatMap((r) => (r.categoryName ? [r.categoryName] : []))] });
    return { rows, categories: names, inherited };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, slaFormSchema, 'community');
  if (submission.status !== 'success') return slaFormRefused(submission);
  return saveSlaFromForm(actor, ability, actor.workspace.tenantId!, 'community', submission.value);
}

export default function CommunitySlaPage() {
  const { rows, categories: names, inherited } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <SlaSettings rows={rows} kind="community" categories={names} inherited={inherited} />
    </div>
  );
}
