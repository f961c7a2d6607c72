import type { HTMLAttributes, ReactNode } from 'react';
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
