import type { ReactNode } from 'react';
import { CardSection } from '~/components/ui/card.tsx';

/**
 * The headline figures of a month's settlement (meals, the station's services): label, value as shown, test id.
 * Two columns on a phone, four on a wide screen.
 */
export function SettlementFigures({ items }: { items: [label: string, value: string, testId: string][] }) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {items.map(([label, value, id]) => (
        <div key={id} className="rounded-md border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A card listing a settlement's totals by some grouping (category, service): one line each, name and figures. */
export function SettlementTotals({ title, rows, empty }: { title: string; rows: { key: string; name: ReactNode; figures: ReactNode }[]; empty: string }) {
  return (
    <CardSection title={title}>
      {rows.length === 0 ? <p className="text-sm text-slate-500">{empty}</p> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {rows.map((r) => (
          <li key={r.key} className="flex flex-wrap justify-between gap-2 py-1.5">
            <span>{r.name}</span>
            <span className="tabular-nums text-slate-600">{r.figures}</span>
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
