import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useErrorText } from '~/lib/error-text.ts';
import { useTranslation } from 'react-i18next';
import { assertCan, ForbiddenError } from '@shequ/permissions';
import { addOrgUnit, listOrgUnits, moveCommunity, renameOrgUnit, retireOrgUnit } from '@shequ/use-cases';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { OrgTreeTable } from '~/components/org-tree-table.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, firstProblem, requireSubmission } from '~/lib/forms.server.ts';
import { hierarchyFormSchema } from '@shequ/use-cases/schemas';
import { pageTitle } from '~/lib/meta.ts';
import { useReply } from '~/lib/form-reply.tsx';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('hierarchyAdmin.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  await guard(() => assertCan(caller.ability, 'manage', 'OrgUnit'));
  const units = await withMaintenance(caller.actor, 'hierarchy', (tx) => listOrgUnits(tx, caller, { includeArchived: false }));
  return { units: units.map(({ id, kind, name, code, parentId }) => ({ id, kind, name, code, parentId })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, hierarchyFormSchema, 'operator');
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    // Refused by the schema (the browser says it first, beside the field; without JavaScript, here, at the top).
    return data({ ok: false, error: firstProblem(submission).message as RefusalMessage, moved: false }, { status: 400 });
  }
  const v = submission.value;
  const caller = { actor, ability };
  try {
    await withMaintenance(actor, 'hierarchy', async (tx) => {
      switch (v.intent) {
        // The use cases refuse a kind, a parent or an id that is not one (no refusal is made here).
        case 'add':
          return addOrgUnit(tx, caller, { kind: v.kind, parentId: v.parentId, name: v.name, adminCode: v.adminCode });
        case 'rename':
          return renameOrgUnit(tx, caller, { id: v.id, name: v.name });
        case 'retire':
          return retireOrgUnit(tx, caller, { id: v.id });
        case 'move':
          return moveCommunity(tx, caller, { communityId: v.id, streetId: v.streetId, adminCode: v.adminCode });
      }
    });
    return withToast({ ok: true, error: null, moved: v.intent === 'move' }, v.intent === 'move' ? 'moved' : 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ ok: false, error: refusal.message, moved: false }, { status: refusal.status });
    }
    throw error;
  }
}

export default function HierarchyPage() {
  const { t } = useTranslation();
  // The schema's messages may carry their bound (validation.tooLongMax?max=40) or be refusal codes: said in words.
  const tr = useErrorText();
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const parents = units.filter((u) => u.kind === 'district' || u.kind === 'street');
  const streets = units.filter((u) => u.kind === 'street');
  // Each form is checked in the browser with the action's schema (by intent): one it refuses is not sent, its
  // messages beside its fields.
  const { err, check } = useReply(result, hierarchyFormSchema);
  return (
    <div className="space-y-4">
      <PageHeader title={t('hierarchyAdmin.title')} description={t('hierarchyAdmin.intro')} error={result?.error ? tr(result.error) : null} />
      <Card>
        <CardBody>
          <PostForm {...check('add')} className="grid items-end gap-3 sm:grid-cols-5">
            <Field id="unit-kind" label={t('hierarchyAdmin.kind')} error={err('add', 'kind')}>
              <Select name="kind" size="sm" options={(['district', 'street', 'department'] as const).map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))} />
            </Field>
            <Field id="unit-parent" label={t('hierarchyAdmin.parent')} error={err('add', 'parentId')}>
              <Select name="parentId" size="sm" placeholder={t('hierarchyAdmin.none')} options={optionsOf(parents)} />
            </Field>
            <Field id="unit-name" label={t('hierarchyAdmin.name')} error={err('add', 'name')}>
              <Input name="name" required maxLength={40} className="h-9 text-sm" />
            </Field>
            <Field id="unit-code" label={t('hierarchyAdmin.code')} error={err('add', 'adminCode')}>
              <Input name="adminCode" inputMode="numeric" maxLength={12} className="h-9 text-sm" />
            </Field>
            <Button name="intent" value="add" size="sm" disabled={busy}>
              {t('hierarchyAdmin.add')}
            </Button>
          </PostForm>
        </CardBody>
      </Card>
      <OrgTreeTable
        units={units}
        caption={t('hierarchyAdmin.title')}
        name={(u, indent) => (
          <PostForm {...check(`rename:${u.id}`)} hiddenFields={{ id: u.id }} className="flex flex-wrap items-center gap-2" style={indent}>
            <Input name="name" defaultValue={u.name} required maxLength={40} aria-label={`${t('hierarchyAdmin.name')}：${u.name}`} aria-invalid={err(`rename:${u.id}`, 'name') ? true : undefined} aria-describedby={`rename-${u.id}-error`} className="h-8 w-48 max-w-full text-sm" />
            <Button name="intent" value="rename" variant="ghost" size="sm">
              {t('hierarchyAdmin.rename')}
            </Button>
            <FieldError id={`rename-${u.id}-error`}>{err(`rename:${u.id}`, 'name')}</FieldError>
          </PostForm>
        )}
        actions={{
          label: t('hierarchyAdmin.move'),
          cell: (u) =>
            u.kind !== 'community' ? (
              <PostButton intent="retire" hiddenFields={{ id: u.id }} variant="ghost" aria-label={`${t('hierarchyAdmin.retire')}：${u.name}`}>
                {t('hierarchyAdmin.retire')}
              </PostButton>
            ) : (
              <PostForm {...check(`move:${u.id}`)} hiddenFields={{ id: u.id }} className="flex flex-wrap items-center justify-end gap-2">
                <Select
                  name="streetId"
                  size="sm"
                  defaultValue=""
                  placeholder={t('hierarchyAdmin.moveTo')}
                  aria-label={`${t('hierarchyAdmin.moveTo')}：${u.name}`}
                  className="h-8 w-auto"
                  options={optionsOf(streets.filter((x) => x.id !== u.parentId))}
                />
                <Input name="adminCode" inputMode="numeric" maxLength={12} placeholder={t('hierarchyAdmin.moveCode')} aria-label={`${t('hierarchyAdmin.moveCode')}：${u.name}`} className="h-8 w-36 text-sm" />
                <Button name="intent" value="move" variant="ghost" size="sm" aria-label={`${t('hierarchyAdmin.move')}：${u.name}`}>
                  {t('hierarchyAdmin.move')}
                </Button>
                <FieldError id={`move-${u.id}-error`}>{err(`move:${u.id}`, 'streetId') ?? err(`move:${u.id}`, 'adminCode')}</FieldError>
              </PostForm>
            ),
        }}
      />
    </div>
  );
}
