import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { isUuid, withTenant } from '@shequ/db';
import { allowedCaseActions, caseSubject, forwardableDepartments, getCase, getCommunity, revealReporterContact, staffActor } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { CaseDetail } from '~/components/case/case-detail.tsx';
import { caseActionInvalid, caseActionRefused, runCaseAction } from '~/routes/community+/cases.$caseId.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { db } from '~/lib/db.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { requireCommunityInReach } from '~/lib/reach.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { caseActionSchema } from '@shequ/use-cases/schemas';
import { caseCode, pageTitle } from '~/lib/meta.ts';
import { redirectWithToast, withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('held.title', caseCode);

// An escalated case, opened by a street, department or district officer inside its community's tenant context.
// What they may see and do is the case's ability check; residents' contact details stay masked here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (!isUuid(params.caseId)) notFound();
  const communityId = await requireCommunityInReach(actor, params.communityId);
  try {
    return await withTenant(db, communityId, async (tx) => {
      const view = await getCase(tx, { actor, ability }, { tenantId: communityId, caseId: params.caseId! });
      const community = await getCommunity(tx, { actor, ability }, { communityId });
      const allowed = allowedCaseActions(staffActor(actor), ability, view.case, view.gridWorkerId);
      const departments = allowed.includes('forward') && view.case.streetId ? await forwardableDepartments(tx, { actor, ability }, { streetId: view.case.streetId, districtId: view.case.districtId }) : [];
      // A street or department holding the case may reveal the resident's contact (audited), to call them back.
      const canReveal = ability.can('reveal', caseSubject(view.case, view.gridWorkerId));
      return { ...view, assignees: [], allowed, canReveal, communityName: community.name, departments };
    });
  } catch (error) {
    if (isRefusal(error)) notFound();
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, caseActionSchema, 'org');
  if (!isUuid(params.caseId)) notFound();
  const tenantId = await requireCommunityInReach(actor, params.communityId);
  if (submission.status !== 'success') return caseActionInvalid(submission);
  const posted = submission.value;
  const intent = posted.intent;
  const ref = { tenantId, caseId: params.caseId! };
  try {
    if (posted.intent === 'reveal') {
      const contact = await withTenant(db, tenantId, (tx) => revealReporterContact(tx, { actor, ability }, { cipher: caseDeps.cipher, ...ref }));
      return withToast({ ok: intent, error: null, contact }, `case.${intent}`);
    }
    const after = await withTenant(db, tenantId, (tx) => runCaseAction(tx, { actor, ability }, ref, posted));
    // Handed on (a department's resolution to its street, a return): the case leaves this person's sight.
    if (!ability.can('read', caseSubject(after, null))) return redirectWithToast(`/org/cases?done=${encodeURIComponent(intent)}`, `case.${intent}`);
    return withToast({ ok: intent, error: null, contact: null as { name: string | null; mobile: string | null } | null }, `case.${intent}`);
  } catch (error) {
    return caseActionRefused(error);
  }
}

export default function OrgCasePage() {
  const data = useLoaderData<typeof loader>();
  return <CaseDetail data={data} backTo="/org/cases" photoBase={`/org/cases/${data.case.tenantId}/${data.case.id}/photos`} actions={{ departments: data.departments }} />;
}
