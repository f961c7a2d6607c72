import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { CardSection } from '~/components/ui/card.tsx';
import { type Column, DataTable } from '~/components/ui/data-table.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';

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

/**
 * A settlement's person: the full name when it was shown (names=1, audited) else the masked one, as a link to the
 * person's page in the register.
 */
export function SettlementPerson({ person }: { person: { residentId: string; nameHint: string; name: string | null } }) {
  return (
    <Link to={`/community/residents/${person.residentId}`} className="text-brand-700 underline" data-testid="settlement-person">
      {person.name ?? person.nameHint}
    </Link>
  );
}

/**
 * Above a settlement's per-person list, for those who may see personal data: a link showing the full names (the
 * view is audited, as the claim file's) or back to masked ones, keeping the month.
 */
export function SettlementNamesToggle({ month, shown, canReveal }: { month: string; shown: boolean; canReveal: boolean }) {
  const { t } = useTranslation();
  if (!canReveal) return null;
  return (
    <p className="text-sm">
      {shown ? <span className="mr-2 text-slate-600" data-testid="settlement-names-shown">{t('meals.settlement.namesShown')}</span> : null}
      <Link to={`?${new URLSearchParams(shown ? { month } : { month, names: '1' }).toString()}`} className="text-brand-700 underline" data-testid="settlement-names-toggle">
        {shown ? t('meals.settlement.hideNames') : t('meals.settlement.showNames')}
      </Link>
    </p>
  );
}

type SettledPerson = { residentId: string; nameHint: string; name: string | null; category: string | null; subsidyCents: number; paidCents: number };

/**
 * A settlement's per-person list (meals, the station's services): its heading, the full-names toggle for those who
 * may see personal data, and a row a person: the person (`nameHeader`), their category, how many times (`count`:
 * meals, uses …, its header and value), the subsidy and what they paid, in yuan.
 */
export function SettlementPeople<P extends SettledPerson>({ month, namesShown, rows, nameHeader, count, empty }: { month: string; namesShown: boolean; rows: P[]; nameHeader: string; count: { id: string; header: string; value: (p: P) => number }; empty: string }) {
  const { t } = useTranslation();
  const can = useCommunityCan();
  const figure = (id: string, header: string, value: (p: P) => number, show: (n: number) => ReactNode): Column<P> => ({ id, header, label: header, className: 'text-right tabular-nums', cell: (p) => show(value(p)), sortValue: value });
  const columns: Column<P>[] = [
    { id: 'name', header: nameHeader, label: nameHeader, cell: (p) => <SettlementPerson person={p} />, sortValue: (p) => p.name ?? p.nameHint },
    { id: 'category', header: t('meals.settlement.category'), label: t('meals.settlement.category'), cell: (p) => p.category ?? t('meals.settlement.none'), sortValue: (p) => p.category ?? '' },
    figure(count.id, count.header, count.value, (n) => n),
    figure('subsidy', t('meals.settlement.subsidy'), (p) => p.subsidyCents, yuan),
    figure('paid', t('meals.settlement.paid'), (p) => p.paidCents, yuan),
  ];
  return (
    <>
      <h2 className="text-base font-semibold text-slate-800">{t('meals.settlement.byPerson')}</h2>
      <SettlementNamesToggle month={month} shown={namesShown} canReveal={can('reveal', 'PersonalData')} />
      <DataTable rows={rows} columns={columns} rowKey={(p) => p.residentId} empty={empty} />
    </>
  );
}
