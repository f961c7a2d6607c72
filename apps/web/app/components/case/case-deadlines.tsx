import type { DeadlineState } from '@shequ/domain';
import { isMessageKey } from '~/lib/i18n.ts';
import { useTranslation } from 'react-i18next';

export type DeadlineView = { kind: string; state: DeadlineState; dueAt: string | Date; provisional: boolean };

/** The case's time limits: which run, when they fall due, which were met or breached. */
export function CaseDeadlines({ deadlines, awaiting }: { deadlines: DeadlineView[]; awaiting: boolean }) {
  const { t, i18n } = useTranslation();
  const kindLabel = (kind: string) => { const key = `cases.detail.deadlines.${kind}`; return isMessageKey(i18n, key) ? String(t(key)) : kind; };
  const time = (iso: string | Date) => new Date(iso).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  if (!deadlines.length) return null;
  return (
    <div className="space-y-1 text-sm" data-testid="case-deadlines">
      {awaiting ? <p className="text-amber-700">{t('cases.detail.awaiting')}</p> : null}
      {deadlines.map((d) => (
        <p key={d.kind} className={d.state === 'breached' ? 'text-red-700' : d.state === 'running' ? 'text-slate-800' : 'text-slate-500'}>
          {kindLabel(d.kind)}：{time(d.dueAt)} · {t(`cases.detail.deadlineStates.${d.state}`)}
          {d.provisional && d.state === 'running' ? t('cases.detail.provisional') : ''}
        </p>
      ))}
    </div>
  );
}
