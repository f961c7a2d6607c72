import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { DEFAULT_CATEGORIES } from '@shequ/domain';
import { assertCan, subject } from '@shequ/permissions';
import { inheritedSlaPolicies, listSlaPolicies, saveScoreWeights, scoreWeightsFor } from '@shequ/use-cases';
import { SlaSettings } from '~/components/sla/sla-settings.tsx';
import { withActor } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { firstProblem, requireSubmission } from '~/lib/forms.server.ts';
import { districtSlaFormSchema } from '@shequ/use-cases/schemas';
import { saveSlaFromForm, slaFormRefused } from '~/routes/community+/sla.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { useReply } from '~/lib/form-reply.tsx';

export const meta = pageTitle('slaAdmin.title');

// A district officer's defaults for the district's communities, and the district's working hours.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'org');
  if (actor.workspace.role !== 'district_officer') forbidden();
  const districtId = actor.workspace.orgUnitId!;
  await guard(() => assertCan(ability, 'manage', subject('SlaPolicy', { orgUnitId: districtId })));
  return withActor(actor, async (tx) => {
    const rows = await listSlaPolicies(tx, { actor, ability }, { orgUnitId: districtId });
    const names = [...DEFAULT_CATEGORIES, ...rows.flatMap((r) => (r.categoryName ? [r.categoryName] : []))];
    return { rows, categories: [...DEFAULT_CATEGORIES], inherited: await inheritedSlaPolicies(tx, { actor, ability }, { orgUnitId: districtId, categoryNames: names }), weights: await scoreWeightsFor(tx, { actor, ability }, { unitId: districtId }) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, districtSlaFormSchema, 'org');
  if (actor.workspace.role !== 'district_officer') forbidden();
  if (submission.status !== 'success') {
    if (submission.payload.intent !== 'weights') return slaFormRefused(submission);
    return data({ ok: false, error: firstProblem(submission).message, typed: null, weightsSaved: false }, { status: 400 });
  }
  const v = submission.value;
  if (v.intent === 'weights') {
    const pct = (typed: string) => Number(typed.trim() || NaN);
    try {
      await withActor(actor, (tx) => saveScoreWeights(tx, { actor, ability }, { districtId: actor.workspace.orgUnitId!, response: pct(v.response), resolution: pct(v.resolution), satisfaction: pct(v.satisfaction) }));
      return withToast({ ok: true, error: null, typed: null, weightsSaved: true }, 'saved');
    } catch (error) {
      if (isRefusal(error)) {
        const refusal = describeRefusal(error);
        return data({ ok: false, error: refusal.message, typed: null, weightsSaved: false }, { status: refusal.status });
      }
      throw error;
    }
  }
  return saveSlaFromForm(actor, ability, actor.workspace.orgUnitId!, 'district', v);
}

const WEIGHT_LABELS = { response: 'slaAdmin.weightResponse', resolution: 'slaAdmin.weightResolution', satisfaction: 'slaAdmin.weightSatisfaction' } as const;

export default function DistrictSlaPage() {
  const { t } = useTranslation();
  const { rows, categories, weights, inherited } = useLoaderData<typeof loader>();
  const result = useActionData<{ weightsSaved?: boolean }>();
  const field = 'mt-1 block h-9 w-24 rounded-md border border-slate-300 px-2 text-sm';
  // The weights are checked in the browser with the action's schema: weights that do not add up to 100 are not sent.
  const { err, check } = useReply(result, districtSlaFormSchema);
  return (
    <div className="max-w-6xl space-y-4">
      <SlaSettings rows={rows} kind="district" categories={categories} inherited={inherited} />
      <CardSection title={t('slaAdmin.weightsTitle')} intro={t('slaAdmin.weightsHint')}>
        {result?.weightsSaved ? <Alert tone="success">{t('slaAdmin.weightsSaved')}</Alert> : null}
        <PostForm {...check('weights')} hiddenFields={{ intent: 'weights' }} className="flex flex-wrap items-end gap-3 text-sm">
          {(['response', 'resolution', 'satisfaction'] as const).map((k) => (
            <label key={k} className="text-slate-600">
              {t(WEIGHT_LABELS[k])}
              <input name={k} type="number" min={0} max={100} required defaultValue={Math.round(weights[k] * 100)} className={field} />
            </label>
          ))}
          <Button size="sm" variant="secondary">
            {t('slaAdmin.save')}
          </Button>
          <div className="basis-full">
            <FieldError id="weights-error">{err('weights', 'response') ?? err('weights', 'resolution') ?? err('weights', 'satisfaction')}</FieldError>
          </div>
        </PostForm>
      </CardSection>
    </div>
  );
}
