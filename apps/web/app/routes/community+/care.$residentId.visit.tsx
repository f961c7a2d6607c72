import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getCareRecipient, listCommunityChoices, recordVisit } from '@shequ/use-cases';
import { careVisitFormSchema } from '@shequ/use-cases/schemas';
import { tierTone } from '~/components/care/care-tabs.tsx';
import { useReply } from '~/lib/form-reply.tsx';
import { LocationField, VisitChoiceFields } from '~/components/care/visit-fields.tsx';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { PHOTO_LIMIT_BYTES } from '~/lib/fit-photo.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';
import { db } from '~/lib/db.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { keepPageOnNetworkLoss } from '~/lib/network-loss.ts';
import { keepSubmissionKeyAfterPost } from '~/lib/submission-form.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { type FormMessages, formFailure, newVisitId, refusalFailure, ownTransactions, careCaller } from './care.server.ts';

export const meta = pageTitle('care.visit.title', dataField('person.nameHint'));

/** Bodies above this are answered without reading the form (decision 060): one photo of 5 MB plus the fields and multipart overhead. */
export const handle = takesBodyUpTo(6 * MB);

/**
 * The quick visit form at 360 px (issue 20): the person (a grid worker only their grids' people: 404 otherwise), the
 * community's active wish categories for a need found, and the visit's id drawn here, kept after a refused post
 * (keepSubmissionKeyAfterPost), so the same visit sent twice is stored once.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const tenantId = caller.actor.workspace.tenantId!;
  return runAsStaff(caller, async (tx) => {
    const page = await getCareRecipient(tx, caller, { residentId: params.residentId! });
    if (!page.may.visit) forbidden();
    const choices = await listCommunityChoices(tx, caller, { communityId: tenantId });
    return {
      person: { id: page.person.id, nameHint: page.person.nameHint, address: page.person.address },
      tier: page.tier,
      categories: choices.categories.filter((c) => c.active).map(({ id, name }) => ({ id, name })),
      visitId: newVisitId(),
    };
  });
}

export const shouldRevalidate = keepSubmissionKeyAfterPost;

/** A post whose network drops on the way keeps the form and its typing (the visit's id too: sent again, stored once). */
export const clientAction = keepPageOnNetworkLoss;

/**
 * Records the visit, online: at the server's time (decision 076; a posted `visitedAt` or `offline` is not taken) (recordVisit: append-only, keyed by the id; a need with its category becomes a case in the same
 * step; the photo stripped of metadata) and returns to the person's page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (bodyTooLarge(request, handle)) return data<FormMessages>({ form: 'visit', errors: { photo: ['refusals.intake.photos.tooLarge'] }, params: { maxMb: 5 } }, { status: 413 });
  const { actor, ability, submission } = await requireSubmission(request, careVisitFormSchema, 'community');
  if (submission.status !== 'success') return formFailure('visit', submission);
  const caller = { actor, ability };
  const v = submission.value;
  const residentId = params.residentId!;
  const photo = v.photo ? new Uint8Array(await v.photo.arrayBuffer()) : null;
  const done = await actAsStaff(
    caller,
    () =>
      recordVisit(
        db,
        caller,
        { ...v, kind: v.kind!, residentId, visitedAt: new Date(), offline: false, photo, needCase: v.needCategoryId && v.needContent ? { categoryId: v.needCategoryId, content: v.needContent } : null, deps: caseDeps },
      ),
    { scope: ownTransactions },
  );
  if (!done.ok) return refusalFailure('visit', done.refusal, ['kind', 'visitedAt', 'photo', 'seen', 'living', 'health', 'safety', 'familyCare', 'needs', 'note']);
  return redirectWithToast(`/community/care/${residentId}`, done.value.repeated ? 'care.visitRepeated' : done.value.caseId ? 'care.needFiled' : 'care.visitSaved');
}

export default function CareVisitPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  const { err, alert, check } = useReply(useActionData<typeof action>(), careVisitFormSchema);
  const busy = useNavigation().state !== 'idle';
  const error = (field: string) => err('visit', field);
  return (
    <div className="max-w-xl space-y-4">
      <PageHeader
        title={t('care.visit.title')}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="care-visit-person">{page.person.nameHint}</span>
            <Badge tone={tierTone(page.tier)}>{tt(`care.tier.${page.tier ?? 'none'}`)}</Badge>
            <span className="break-words">{page.person.address}</span>
          </span>
        }
      />
      <Link to={`/community/care/${page.person.id}`} className="text-sm text-brand-700 underline">
        {t('care.person.back')}
      </Link>
      <Card>
        <CardBody>
          <p className="mb-3 text-sm text-slate-600">{t('care.visit.intro')}</p>
          <Form {...check('visit')} method="post" encType="multipart/form-data" noValidate className="space-y-4" data-testid="care-visit-form">
            <CsrfInput />
            <input type="hidden" name="id" value={page.visitId} />
            {alert('visit')}
            <VisitChoiceFields categories={page.categories} error={error} />
            <Field id="care-visit-photo" label={t('care.visit.photo')} hint={t('care.visit.photoHint')} error={error('photo')}>
              <FileInput maxBytes={PHOTO_LIMIT_BYTES} name="photo" accept="image/jpeg,image/png,image/webp" capture="environment" chooseLabel={t('care.visit.photoChoose')} noneLabel={t('care.visit.photoNone')} removeLabel={t('care.visit.photoRemove')} />
            </Field>
            <LocationField />
            <Button type="submit" className="w-full" disabled={busy} data-testid="care-visit-submit">
              {t('care.visit.submit')}
            </Button>
          </Form>
        </CardBody>
      </Card>
    </div>
  );
}
