import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/card.tsx';

export type TimelineEvent = {
  id: string;
  at: string | Date;
  type: string;
  public: boolean;
  body: string | null;
  data: Record<string, unknown>;
  actorKind: string;
  actor: string | null;
};

/** The whole timeline for staff: who, when, public or internal, and what (reasons and notes included). */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('cases.detail.timeline')}</CardTitle>
      </CardHeader>
      <CardBody>
        <ol className="space-y-3" data-testid="staff-timeline">
          {events.map((e) => {
            const detail = e.body ?? (typeof e.data?.reason === 'string' ? e.data.reason : null);
            return (
              <li key={e.id} className="border-l-2 border-slate-200 pl-3">
                <p className="text-sm text-slate-800">
                  <span className="font-medium">
                    {e.type === 'reply' && typeof e.data?.fromName === 'string'
                      ? t('resident.events.replyFrom', { from: e.data.fromName })
                      : t(`resident.events.${e.type}` as never, { to: typeof e.data?.toName === 'string' ? e.data.toName : '' })}
                  </span>
                  <span className="ml-2 text-xs text-slate-500">
                    {e.actor ?? (e.actorKind === 'resident' ? t('cases.detail.resident') : t('cases.detail.system'))} · {time(e.at)} ·{' '}
                    {e.public ? t('cases.detail.public') : t('cases.detail.internal')}
                  </span>
                </p>
                {detail ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{detail}</p> : null}
              </li>
            );
          })}
        </ol>
      </CardBody>
    </Card>
  );
}
