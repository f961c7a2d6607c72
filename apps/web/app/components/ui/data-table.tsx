import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '~/lib/utils.ts';
import { Button } from './button.tsx';
import { EmptyState } from './empty-state.tsx';

/**
 * One column: a header, how a row renders in it, and (optionally) the value it sorts by. `sortValue` makes the
 * header a sort button; strings sort in Chinese (pinyin) order, numbers and dates numerically.
 */
export type Column<Row> = {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  sortValue?: (row: Row) => string | number | null;
  /** Extra classes for the cells (e.g. 'text-right tabular-nums', 'whitespace-nowrap'). */
  className?: string;
  /** Shown as the field name beside the value when the table turns into cards on a phone. */
  label?: string;
};

const collator = typeof Intl !== 'undefined' ? new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true }) : null;

/**
 * The table of every list page (TanStack Table, headless). Sorting by column, pages of `pageSize` rows kept in
 * the browser (thousands of rows cost one sort, not thousands of DOM rows), a sticky header inside its own
 * scroll container, and an empty state. On a phone (`cards`, the default) each row becomes a card with labelled
 * fields, so the page never scrolls sideways; `cards={false}` keeps a table that scrolls inside its box.
 * Rows already paged by the server pass `pageSize={0}` and render their own pager.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  empty,
  pageSize = 50,
  initialSort,
  cards = true,
  maxHeight,
  caption,
  className,
  rowClassName,
  rowTestId,
  sortedBy,
  'data-testid': testId,
}: {
  rows: readonly Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  empty?: ReactNode;
  pageSize?: number;
  initialSort?: { id: string; desc?: boolean };
  cards?: boolean;
  /** e.g. '70vh': the body scrolls under a sticky header. */
  maxHeight?: string;
  caption?: string;
  className?: string;
  rowClassName?: (row: Row) => string | undefined;
  /** data-testid on every body row (tests find rows by it), or per row (none for a row it gives undefined). */
  rowTestId?: string | ((row: Row) => string | undefined);
  /** Rows the server already sorted (with its own header links): the column marked aria-sort for assistive tech. */
  sortedBy?: { id: string; desc?: boolean };
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : []);
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: pageSize > 0 ? pageSize : Number.MAX_SAFE_INTEGER });

  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: () => c.header,
        accessorFn: c.sortValue ? (row: Row) => c.sortValue!(row) : () => null,
        cell: (info) => c.cell(info.row.original),
        enableSorting: Boolean(c.sortValue),
        sortUndefined: 'last',
        sortingFn: (a, b, id) => {
          const x = a.getValue<string | number | null>(id);
          const y = b.getValue<string | number | null>(id);
          if (x === y) return 0;
          if (x === null || x === undefined) return 1;
          if (y === null || y === undefined) return -1;
          if (typeof x === 'number' && typeof y === 'number') return x - y;
          return collator ? collator.compare(String(x), String(y)) : String(x).localeCompare(String(y));
        },
        meta: { className: c.className, label: c.label ?? (typeof c.header === 'string' ? c.header : undefined) },
      })),
    [columns],
  );

  const table = useReactTable({
    data: rows as Row[],
    columns: defs,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      setSorting(updater);
      setPagination((p) => ({ ...p, pageIndex: 0 }));
    },
    onPaginationChange: setPagination,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId: (row) => rowKey(row),
    autoResetPageIndex: false,
  });

  if (rows.length === 0) return <EmptyState title={typeof empty === 'string' ? empty : t('ui.table.empty')}>{typeof empty === 'string' ? null : empty}</EmptyState>;

  const pages = table.getPageCount();
  const { pageIndex } = table.getState().pagination;
  return (
    <div className={cn('min-w-0', className)}>
      <div className={cn('overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm', cards && 'data-table-cards')} style={maxHeight ? { maxHeight } : undefined}>
        <table className="w-full text-left text-sm" data-testid={testId}>
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className="sticky top-0 z-10 bg-slate-50 text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = sortedBy ? (sortedBy.id === header.id ? (sortedBy.desc ? 'desc' : 'asc') : false) : header.column.getIsSorted();
                  const label = (header.column.columnDef.meta as { label?: string } | undefined)?.label ?? header.id;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      className={cn('whitespace-nowrap px-4 py-2 font-medium', (header.column.columnDef.meta as { className?: string } | undefined)?.className)}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 hover:text-slate-900"
                          onClick={header.column.getToggleSortingHandler()}
                          title={t(sorted === 'asc' ? 'ui.table.sortDescending' : 'ui.table.sortAscending', { column: label })}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === 'asc' ? <ArrowUp aria-hidden className="h-3.5 w-3.5" /> : sorted === 'desc' ? <ArrowDown aria-hidden className="h-3.5 w-3.5" /> : <ArrowUpDown aria-hidden className="h-3.5 w-3.5 text-slate-400" />}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={cn('hover:bg-slate-50', rowClassName?.(row.original))} data-testid={typeof rowTestId === 'function' ? rowTestId(row.original) : rowTestId}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta as { className?: string; label?: string } | undefined;
                  return (
                    <td key={cell.id} data-label={meta?.label} className={cn('px-4 py-2 text-slate-700', meta?.className)}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageSize > 0 && pages > 1 ? (
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>{t('ui.table.page', { page: pageIndex + 1, pages, total: rows.length })}</span>
          <span className="flex gap-2">
            <Button type="button" variant="secondary" size="sm" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
              {t('ui.table.prev')}
            </Button>
            <Button type="button" variant="secondary" size="sm" disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
              {t('ui.table.next')}
            </Button>
          </span>
        </div>
      ) : null}
    </div>
  );
}
