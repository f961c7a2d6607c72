import { useTranslation } from 'react-i18next';
import type { TimelineLine } from '@shequ/domain';
import { isMessageKey } from '~/lib/i18n.ts';
import { CardSection } from '../ui/card.tsx';

export type TimelineEvent = {
  id: string;
  at: string | Date;
  type: string;
  public: boolean;
  body: string | null;
  data: Record<string, unknown>;
  actorKind: string;
  actor: string | null;
  /** The entry worded for staff (describeCaseEvent): the unit that acted, the words passed between the levels. */
  line: TimelineLine;
};

/** The whole timeline for staff: who (unit and person), when, public or internal, and what (reasons and notes included). */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  // An event's wording by its key; a key this version has no words for shows as itself rather than failing.
  const eventText = (key: string, values?: Record<string, string>) => (isMessageKey(i18n, key) ? String(t(key, values)) : key);
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <CardSection title={t('cases.detail.timeline')}>
      <ol className="space-y-3" data-testid="staff-timeline">
        {events.map((e) => (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <p className="text-sm text-slate-800">
              <span className="font-medium">{eventText(`cases.events.${e.line.key}`, e.line.values)}</span>
              <span className="ml-2 text-xs text-slate-500">
                {e.actor ?? (e.actorKind === 'resident' ? t('cases.detail.resident') : t('cases.detail.system'))} · {time(e.at)} ·{' '}
                {e.public ? t('cases.detail.public') : t('cases.detail.internal')}
              </span>
            </p>
            {e.line.rejectReason ? <p className="mt-1 text-sm text-slate-700">{eventText(`resident.rejectReasons.${e.line.rejectReason}`)}</p> : null}
            {e.line.text ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{e.line.text}</p> : null}
            {e.line.note ? (
              <p className="mt-1 whitespace-pre-wrap break-words rounded bg-amber-50 px-2 py-1 text-sm text-slate-700" data-testid="handoff-note">
                <span className="text-xs text-slate-500">{t('cases.eventNote')}：</span>
                {e.line.note}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </CardSection>
  );
}
