import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '~/components/ui/data-table.tsx';
import { inTreeOrder } from './org-tree.ts';

type Unit = { id: string; parentId: string | null; kind: string; code: string | null };

/**
 * The org tree as a table, in its own order (parents before their units, so no sorting; on a phone each unit is a
 * card): the unit (`name`, indented by its depth), its kind and code, and what may be done with it (`actions`).
 */
export function OrgTreeTable<U extends Unit>({ units, caption, name, actions }: { units: readonly U[]; caption: string; name: (unit: U, indent: { paddingLeft: string }) => ReactNode; actions: { label: string; cell: (unit: U) => ReactNode } }) {
  const { t } = useTranslation();
  return (
    <DataTable
      rows={inTreeOrder(units)}
      rowKey={({ unit }) => unit.id}
      pageSize={0}
      caption={caption}
      columns={[
        { id: 'name', header: t('hierarchyAdmin.name'), cell: ({ unit, depth }) => name(unit, { paddingLeft: `${depth * 1.5}rem` }) },
        { id: 'kind', header: t('hierarchyAdmin.kind'), cell: ({ unit }) => t(`orgKinds.${unit.kind}` as 'orgKinds.street'), className: 'text-slate-600' },
        { id: 'code', header: t('hierarchyAdmin.code'), cell: ({ unit }) => unit.code ?? '—', className: 'tabular-nums text-slate-500' },
        { id: 'actions', header: <span className="sr-only">{actions.label}</span>, label: actions.label, className: 'text-right', cell: ({ unit }) => actions.cell(unit) },
      ]}
    />
  );
}
