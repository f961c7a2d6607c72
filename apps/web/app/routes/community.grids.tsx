import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { asc, eq } from 'drizzle-orm';
import { useTranslation } from 'react-i18next';
import { buildings, grids, users, withTenant } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { db } from '~/lib/db.server.ts';
import { guard } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  await guard(() => assertCan(ability, 'read', subject('Grid', { tenantId, gridWorkerId: null })));
  return withTenant(db, tenantId, async (tx) => {
    const gridRows = await tx
      .select({ id: grids.id, name: grids.name, code: grids.code, worker: users.displayName })
      .from(grids)
      .leftJoin(users, eq(users.id, grids.gridWorkerId))
      .orderBy(asc(grids.name));
    const buildingRows = await tx.select({ gridId: buildings.gridId, name: buildings.name }).from(buildings).orderBy(asc(buildings.name));
    return { grids: gridRows.map((g) => ({ ...g, buildings: buildingRows.filter((b) => b.gridId === g.id).map((b) => b.name) })) };
  });
}

export default function GridsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (data.grids.length === 0) return <EmptyState title={t('common.empty')} />;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {data.grids.map((g) => (
        <Card key={g.id}>
          <CardHeader>
            <CardTitle>{g.name}</CardTitle>
            <p className="text-xs text-slate-500">
              {g.code ?? '—'} · {t('roles.grid_worker')}：{g.worker ?? '—'}
            </p>
          </CardHeader>
          <CardBody className="text-sm text-slate-700">{g.buildings.length ? g.buildings.join('、') : t('common.empty')}</CardBody>
        </Card>
      ))}
    </div>
  );
}
