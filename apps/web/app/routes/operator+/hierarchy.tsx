import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { assertCan, ForbiddenError } from '@shequ/permissions';
import { addOrgUnit, listOrgUnits, moveCommunity, renameOrgUnit, retireOrgUnit } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { inTreeOrder } from '~/components/org-tree.ts';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { hierarchyFormSchema } from '@shequ/use-cases/schemas';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';

export const meta = pageTitle('hierarchyAdmin.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'operator');
  await guard(() => assertCan(caller.ability, 'manage', 'OrgUnit'));
  const units = await withMaintenance(caller.actor, 'hierarchy', (tx) => listOrgUnits(tx, caller, { includeArchived: false }));
  return { units: units.map(({ id, kind, name, code, parentId }) => ({ id, kind, name, code, parentId })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, hierarchyFormSchema, 'operator');
  if (submission.status !== 'success') badRequest();
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
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const parents = units.filter((u) => u.kind === 'district' || u.kind === 'street');
  const streets = units.filter((u) => u.kind === 'street');
  const ordered = inTreeOrder(units);
  return (
    <div className="space-y-4">
      <PageHeader title={t('hierarchyAdmin.title')} description={t('hierarchyAdmin.intro')} />
      {result?.error ? <Alert tone="error">{t(result.error)}</Alert> : null}
      <Card>
        <CardBody>
          <Form noValidate method="post" className="grid items-end gap-3 sm:grid-cols-5">
            <CsrfInput />
            <Field id="unit-kind" label={t('hierarchyAdmin.kind')}>
              <Select name="kind" size="sm" options={(['district', 'street', 'department'] as const).map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))} />
            </Field>
            <Field id="unit-parent" label={t('hierarchyAdmin.parent')}>
              <Select name="parentId" size="sm" placeholder={t('hierarchyAdmin.none')} options={optionsOf(parents)} />
            </Field>
            <Field id="unit-name" label={t('hierarchyAdmin.name')}>
              <Input name="name" required maxLength={40} className="h-9 text-sm" />
            </Field>
            <Field id="unit-code" label={t('hierarchyAdmin.code')}>
              <Input name="adminCode" inputMode="numeric" maxLength={12} className="h-9 text-sm" />
            </Field>
            <Button name="intent" value="add" size="sm" disabled={busy}>
              {t('hierarchyAdmin.add')}
            </Button>
          </Form>
        </CardBody>
      </Card>
      {/* The tree in its own order (parents before their units), so no sorting; on a phone each unit is a card. */}
      <DataTable
        rows={ordered}
        rowKey={({ unit }) => unit.id}
        pageSize={0}
        caption={t('hierarchyAdmin.title')}
        columns={[
          {
            id: 'name',
            header: t('hierarchyAdmin.name'),
            cell: ({ unit: u, depth }) => (
              <Form noValidate method="post" className="flex items-center gap-2" style={{ paddingLeft: `${depth * 1.5}rem` }}>
                <CsrfInput />
                <input type="hidden" name="id" value={u.id} />
                <Input name="name" defaultValue={u.name} required maxLength={40} aria-label={`${t('hierarchyAdmin.name')}：${u.name}`} className="h-8 w-48 max-w-full text-sm" />
                <Button name="intent" value="rename" variant="ghost" size="sm">
                  {t('hierarchyAdmin.rename')}
                </Button>
              </Form>
            ),
          },
          { id: 'kind', header: t('hierarchyAdmin.kind'), cell: ({ unit: u }) => t(`orgKinds.${u.kind}`), className: 'text-slate-600' },
          { id: 'code', header: t('hierarchyAdmin.code'), cell: ({ unit: u }) => u.code ?? '—', className: 'tabular-nums text-slate-500' },
          {
            id: 'actions',
            header: <span className="sr-only">{t('hierarchyAdmin.move')}</span>,
            label: t('hierarchyAdmin.move'),
            className: 'text-right',
            cell: ({ unit: u }) =>
              u.kind !== 'community' ? (
                <Form noValidate method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={u.id} />
                  <Button name="intent" value="retire" variant="ghost" size="sm" aria-label={`${t('hierarchyAdmin.retire')}：${u.name}`}>
                    {t('hierarchyAdmin.retire')}
                  </Button>
                </Form>
              ) : (
                <Form noValidate method="post" className="flex flex-wrap items-center justify-end gap-2">
                  <CsrfInput />
                  <input type="hidden" name="id" value={u.id} />
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
                </Form>
              ),
          },
        ]}
      />
    </div>
  );
}
