import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { useTranslation } from 'react-i18next';
import { buildings, grids, memberships, users, withTenant } from '@shequ/db';
import { compareChinese } from '@shequ/domain';
import { assertCan, ForbiddenError, subject } from '@shequ/permissions';
import { createBuilding, createGrid, moveBuilding, updateGrid, UseCaseError } from '@shequ/use-cases';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { requireActor, requireMutation } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';

export const meta = pageTitle('nav.grids');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'read', subject('Grid', { tenantId, gridWorkerId: null })));
  return withTenant(db, tenantId, async (tx) => {
    const gridRows = await tx
      .select({ id: grids.id, name: grids.name, code: grids.code, gridWorkerId: grids.gridWorkerId, partyLeaderId: grids.partyLeaderId, worker: users.displayName })
      .from(grids)
      .leftJoin(users, eq(users.id, grids.gridWorkerId))
      .orderBy(asc(grids.name));
    const buildingRows = await tx.select({ id: buildings.id, gridId: buildings.gridId, name: buildings.name }).from(buildings).orderBy(asc(buildings.name));
    const members = await tx
      .select({ id: users.id, name: users.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgUnitId, tenantId), inArray(memberships.role, ['community_admin', 'community_staff', 'grid_worker', 'volunteer_leader'])))
      .orderBy(asc(users.displayName));
    const byName = (a: { name: string }, b: { name: string }) => compareChinese(a.name, b.name);
    return {
      canManage: ability.can('update', subject('Grid', { tenantId, gridWorkerId: null })),
      grids: gridRows.map((g) => ({ ...g, buildings: buildingRows.filter((b) => b.gridId === g.id).sort(byName) })),
      gridWorkers: members.filter((m) => m.role === 'grid_worker'),
      members: [...new Map(members.map((m) => [m.id, m])).values()],
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, formData } = await requireMutation(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  const f = (k: string) => String(formData.get(k) ?? '');
  const gridInput = () => ({ name: f('name'), code: f('code'), gridWorkerId: f('gridWorkerId') || null, partyLeaderId: f('partyLeaderId') || null });
  try {
    await withTenant(db, tenantId, async (tx) => {
      switch (f('intent')) {
        case 'createGrid':
          return createGrid(tx, ability, tenantId, gridInput());
        case 'updateGrid':
          return updateGrid(tx, ability, tenantId, f('gridId'), gridInput());
        case 'createBuilding':
          return createBuilding(tx, ability, tenantId, { name: f('name'), gridId: f('gridId') });
        case 'moveBuilding':
          return moveBuilding(tx, ability, tenantId, f('buildingId'), f('gridId'));
        default:
          throw data({ code: 'badRequest' }, { status: 400 });
      }
    });
    return withToast({ ok: true, error: null }, 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError) return data({ ok: false, error: `gridAdmin.errors.${error.code.replace(/^grid\./, '')}` }, { status: 400 });
    throw error;
  }
}

const select = 'mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm';

type GridRow = { name: string; code: string | null; gridWorkerId: string | null; partyLeaderId: string | null };
type Person = { id: string; name: string };

/**
 * The grid fields, shared by "add" and "edit". A top-level component on purpose: defined inside the page it would be
 * a new component on every render, and React would throw away what the admin had typed whenever the page updates.
 */
function GridFields({ g, gridWorkers, members }: { g?: GridRow; gridWorkers: Person[]; members: Person[] }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <label className="text-sm text-slate-600">
        {t('gridAdmin.name')}
        <Input name="name" required maxLength={40} defaultValue={g?.name ?? ''} className="mt-1 h-9 text-sm" />
      </label>
      <label className="text-sm text-slate-600">
        {t('gridAdmin.code')}
        <Input name="code" inputMode="numeric" maxLength={15} defaultValue={g?.code ?? ''} className="mt-1 h-9 text-sm" />
      </label>
      <label className="text-sm text-slate-600">
        {t('gridAdmin.gridWorker')}
        <select name="gridWorkerId" defaultValue={g?.gridWorkerId ?? ''} className={select}>
          <option value="">{t('gridAdmin.none')}</option>
          {gridWorkers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-600">
        {t('gridAdmin.partyLeader')}
        <select name="partyLeaderId" defaultValue={g?.partyLeaderId ?? ''} className={select}>
          <option value="">{t('gridAdmin.none')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}


export default function GridsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">{t('nav.grids')}</h1>
      {result?.error ? <Alert tone="error">{t(result.error as never)}</Alert> : result?.ok ? <Alert tone="success">{t('gridAdmin.saved')}</Alert> : null}
      {data.grids.length === 0 ? <EmptyState title={t('common.empty')} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {data.grids.map((g) => (
          <Card key={g.id}>
            <CardHeader>
              <CardTitle>{g.name}</CardTitle>
              <p className="text-xs text-slate-500">
                {g.code ?? '—'} · {t('roles.grid_worker')}：{g.worker ?? '—'}
              </p>
            </CardHeader>
            <CardBody className="space-y-3 text-sm text-slate-700">
              <ul className="flex flex-wrap gap-2" aria-label={t('cases.building')}>
                {g.buildings.length ? g.buildings.map((b) => <li key={b.id} className="rounded bg-slate-100 px-2 py-0.5">{b.name}</li>) : <li>{t('common.empty')}</li>}
              </ul>
              {data.canManage ? (
                <details className="rounded-md border border-slate-200 p-3">
                  <summary className="cursor-pointer text-sm text-brand-700">{t('gridAdmin.editGrid')}</summary>
                  <Form method="post" className="mt-3 space-y-2">
                    <CsrfInput />
                    <input type="hidden" name="gridId" value={g.id} />
                    <GridFields g={g} gridWorkers={data.gridWorkers} members={data.members} />
                    <Button name="intent" value="updateGrid" size="sm" disabled={busy}>
                      {t('gridAdmin.editGrid')}
                    </Button>
                  </Form>
                  <Form method="post" className="mt-3 flex items-end gap-2">
                    <CsrfInput />
                    <input type="hidden" name="gridId" value={g.id} />
                    <label className="flex-1 text-sm text-slate-600">
                      {t('gridAdmin.buildingName')}
                      <Input name="name" required maxLength={40} className="mt-1 h-9 text-sm" />
                    </label>
                    <Button name="intent" value="createBuilding" size="sm" variant="secondary" disabled={busy}>
                      {t('gridAdmin.addBuilding')}
                    </Button>
                  </Form>
                  {g.buildings.length ? (
                    <Form method="post" className="mt-3 flex items-end gap-2">
                      <CsrfInput />
                      <label className="flex-1 text-sm text-slate-600">
                        {t('cases.building')}
                        <select name="buildingId" className={select}>
                          {g.buildings.map((b) => (
                            <option key={b.id} value={b.id}>
                              {b.name}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="flex-1 text-sm text-slate-600">
                        {t('gridAdmin.moveTo')}
                        <select name="gridId" className={select}>
                          {data.grids
                            .filter((o) => o.id !== g.id)
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                        </select>
                      </label>
                      <Button name="intent" value="moveBuilding" size="sm" variant="secondary" disabled={busy || data.grids.length < 2}>
                        {t('gridAdmin.move')}
                      </Button>
                    </Form>
                  ) : null}
                </details>
              ) : null}
            </CardBody>
          </Card>
        ))}
      </div>
      {data.canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('gridAdmin.addGrid')}</CardTitle>
          </CardHeader>
          <CardBody>
            <Form method="post" className="space-y-2">
              <CsrfInput />
              <GridFields gridWorkers={data.gridWorkers} members={data.members} />
              <Button name="intent" value="createGrid" size="sm" disabled={busy}>
                {t('gridAdmin.addGrid')}
              </Button>
            </Form>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
