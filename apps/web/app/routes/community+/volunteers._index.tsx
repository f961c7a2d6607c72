import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '@shequ/domain';
import { listVolunteerShifts } from '@shequ/use-cases';
import { Card } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { EmptyState } from '~/components/ui/states.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';

export const meta = pageTitle('volunteers.title');

// The volunteer teams' shifts the caller runs (a leader: their own teams; the office: all), soonest first (issue 17).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  return runAsStaff(caller, (tx) => listVolunteerShifts(tx, caller));
}

export default function VolunteersPage() {
  const { t } = useTranslation();
  const { teams, shifts } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.title')} description={t('volunteers.intro')} />
      {teams.length ? (
        <p className="flex flex-wrap gap-2 text-sm">
          {teams.map((team) => (
            <Badge key={team.id} tone={team.recruiting ? 'success' : 'neutral'}>
              {team.name}
            </Badge>
          ))}
        </p>
      ) : null}
      {shifts.length === 0 ? (
        <EmptyState title={t('volunteers.noShifts')} />
      ) : (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {shifts.map((s) => (
            <li key={s.id}>
              <Card className="space-y-1 p-4">
                <Link to={`/community/volunteers/shifts/${s.id}`} className="text-base font-medium text-brand-700 underline">
                  {s.title}
                </Link>
                <p className="text-sm text-slate-600">
                  {s.teamName} · {s.place}
                </p>
                <p className="text-sm text-slate-600">
                  {chinaDateTime(new Date(s.startsAt)).slice(0, 16)} – {chinaDateTime(new Date(s.endsAt)).slice(11, 16)}
                </p>
                <p className="flex flex-wrap gap-2 text-sm">
                  <Badge tone="info">{t('volunteers.places', { confirmed: s.confirmed, open: s.capacity - s.reserved })}</Badge>
                  {s.waiting ? <Badge tone="progress">{t('volunteers.waiting', { count: s.waiting })}</Badge> : null}
                  {s.approvedAt ? <Badge tone="success">{t('volunteers.approved')}</Badge> : null}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
