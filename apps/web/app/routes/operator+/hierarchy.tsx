import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid } from '@shequ/db';
import { assertCan, ForbiddenError } from '@shequ/permissions';
import { addOrgUnit, listOrgUnits, moveCommunity, renameOrgUnit, retireOrgUnit } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Input } from '~/components/ui/input.tsx';
import { withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal, UseCaseError } from '~/lib/refusal.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
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
  const { actor, ability, formData } = await requireMutation(request, 'operator');
  const f = (k: string) => String(formData.get(k) ?? '');
  const id = f('id');
  try {
    await withMaintenance(actor, 'hierarchy', async (tx) => {
      switch (f('intent')) {
        case 'add': {
          const kind = f('kind');
          if (kind !== 'district' && kind !== 'street' && kind !== 'department') throw new UseCaseError('org.badParent');
          return addOrgUnit(tx, ability, { kind, parentId: isUuid(f('parentId')) ? f('parentId') : null, name: f('name'), adminCode: f('adminCode') });
        }
        case 'rename':
          if (!isUuid(id)) throw new UseCaseError('org.notFound');
          return renameOrgUnit(tx, ability, id, f('name'));
        case 'retire':
          if (!isUuid(id)) throw new UseCaseError('org.notFound');
          return retireOrgUnit(tx, ability, id);
        case 'move':
          return moveCommunity(tx, ability, actor.userId, { communityId: id, streetId: f('streetId'), adminCode: f('adminCode') });
        default:
          throw data({ code: 'badRequest' }, { status: 400 });
      }
    });
    return withToast({ ok: true, error: null, moved: f('intent') === 'move' }, f('intent') === 'move' ? 'moved' : 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ ok: false, error: refusal.message, moved: false }, { status: refusal.status });
    }
    throw error;
  }
}

const control = 'mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm';

export default function HierarchyPage() {
  const { t } = useTranslation();
  const { units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const parents = units.filter((u) => u.kind === 'district' || u.kind === 'street');
  const streets = units.filter((u) => u.kind === 'street');
  const depth = (u: (typeof units)[number]): number => {
    let d = 0;
    let p = units.find((x) => x.id === u.parentId);
    while (p) {
      d++;
      p = units.find((x) => x.id === p!.parentId);
    }
    return d;
  };
  const ordered: typeof units = [];
  const walk = (parentId: string | null) => units.filter((u) => u.parentId === parentId).forEach((u) => (ordered.push(u), walk(u.id)));
  walk(null);
  return (
    <div className="space-y-4">
      <PageHeader title={t('hierarchyAdmin.title')} description={t('hierarchyAdmin.intro')} />
      {result?.error ? <Alert tone="error">{t(result.error)}</Alert> : null}
      <Card>
        <CardBody>
          <Form method="post" className="grid items-end gap-3 sm:grid-cols-5">
            <CsrfInput />
            <label className="text-sm text-slate-600">
              {t('hierarchyAdmin.kind')}
              <select name="kind" className={control}>
                {(['district', 'street', 'department'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`orgKinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm text-slate-600">
              {t('hierarchyAdmin.parent')}
              <select name="parentId" className={control}>
                <option value="">{t('hierarchyAdmin.none')}</option>
                {parents.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm text-slate-600">
              {t('hierarchyAdmin.name')}
              <Input name="name" required maxLength={40} className="mt-1 h-9 text-sm" />
            </label>
            <label className="text-sm text-slate-600">
              {t('hierarchyAdmin.code')}
              <Input name="adminCode" inputMode="numeric" maxLength={12} className="mt-1 h-9 text-sm" />
            </label>
            <Button name="intent" value="add" size="sm" disabled={busy}>
              {t('hierarchyAdmin.add')}
            </Button>
          </Form>
        </CardBody>
      </Card>
      <Card className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {ordered.map((u) => (
              <tr key={u.id}>
                <td className="px-5 py-2" style={{ paddingLeft: `${1.25 + depth(u) * 1.5}rem` }}>
                  <Form method="post" className="flex items-center gap-2">
                    <CsrfInput />
                    <input type="hidden" name="id" value={u.id} />
                    <Input name="name" defaultValue={u.name} required maxLength={40} aria-label={`${t('hierarchyAdmin.name')}：${u.name}`} className="h-8 w-48 text-sm" />
                    <Button name="intent" value="rename" variant="ghost" size="sm">
                      {t('hierarchyAdmin.rename')}
                    </Button>
                  </Form>
                </td>
                <td className="px-5 py-2 text-slate-600">{t(`orgKinds.${u.kind}`)}</td>
                <td className="px-5 py-2 tabular-nums text-slate-500">{u.code ?? '—'}</td>
                <td className="px-5 py-2 text-right">
                  {u.kind !== 'community' ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="id" value={u.id} />
                      <Button name="intent" value="retire" variant="ghost" size="sm" aria-label={`${t('hierarchyAdmin.retire')}：${u.name}`}>
                        {t('hierarchyAdmin.retire')}
                      </Button>
                    </Form>
                  ) : (
                    <Form method="post" className="flex items-center justify-end gap-2">
                      <CsrfInput />
                      <input type="hidden" name="id" value={u.id} />
                      <select name="streetId" aria-label={`${t('hierarchyAdmin.moveTo')}：${u.name}`} className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm" defaultValue="">
                        <option value="">{t('hierarchyAdmin.moveTo')}</option>
                        {streets
                          .filter((s) => s.id !== u.parentId)
                          .map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                      </select>
                      <Input name="adminCode" inputMode="numeric" maxLength={12} placeholder={t('hierarchyAdmin.moveCode')} aria-label={`${t('hierarchyAdmin.moveCode')}：${u.name}`} className="h-8 w-36 text-sm" />
                      <Button name="intent" value="move" variant="ghost" size="sm" aria-label={`${t('hierarchyAdmin.move')}：${u.name}`}>
                        {t('hierarchyAdmin.move')}
                      </Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
