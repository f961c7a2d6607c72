import type { HTMLAttributes, ReactNode } from 'react';
import { useLooseT } from '~/lib/i18n.ts';
import { cn } from '~/lib/utils.ts';

/** A card of 我的 and the pages it links to (a section, a list of bookings, the meal card): white, rounded, its heading first. */
export function MyCard({ title, className, children, ...props }: Omit<HTMLAttributes<HTMLElement>, 'title'> & { title: ReactNode }) {
  return (
    <section className={cn('rounded-xl border border-slate-200 bg-white p-4 shadow-sm', className)} {...props}>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A card's list of the person's rows (the coming bookings …), each drawn by `row` as what it is (left) and its state
 * with what may be done (right, wrapping under it on a phone); the `empty` line when there are none.
 */
export function MyRows<T extends { id: string }>({ rows, row, empty, testId }: { rows: T[]; row: (x: T) => [ReactNode, ReactNode]; empty: ReactNode; testId: string }) {
  if (!rows.length) return <p className="mt-2 text-slate-500">{empty}</p>;
  return (
    <ul className="mt-2 divide-y divide-slate-100" data-testid={testId}>
      {rows.map((x) => {
        const [what, state] = row(x);
        return (
          <li key={x.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>{what}</span>
            {state}
          </li>
        );
      })}
    </ul>
  );
}

/** A booking that went (cancelled, given away, withdrawn, declined) as 我的 lists it: what it was, and who ended it. */
export type EndedRow = { id: string; what: ReactNode; status: 'cancelled' | 'given_away' | 'withdrawn' | 'declined'; endedBy: 'you' | 'person' | 'family' | 'staff' | null };

/**
 * The bookings of the person that went while still to come, each with what became of it and who did it (me.ended):
 * a family member who booked a parent's lunch sees "已取消（由社区工作人员办理…）" instead of a booking that silently
 * disappeared (issue 19's review). Nothing when there are none. `name`: the person's masked name (their own doing).
 */
export function EndedRows({ rows, name, testId }: { rows: EndedRow[]; name: string; testId: string }) {
  const t = useLooseT();
  if (!rows.length) return null;
  return (
    <div className="mt-3 border-t border-slate-100 pt-2" data-testid={testId}>
      <h3 className="text-sm font-medium text-slate-500">{t('me.ended.title')}</h3>
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-slate-600" data-testid={`${testId}-row`}>
            <span>{r.what}</span>
            <span className="text-slate-700">
              {t(`me.ended.${r.status}`)}
              {r.endedBy ? t(`me.ended.by.${r.endedBy}`, { name }) : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
