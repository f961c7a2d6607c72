import { Link, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';
import { type Column, DataTable } from '~/components/ui/data-table.tsx';
import { Pending } from '~/components/ui/states.tsx';

/**
 * Pages of a list the server pages (the inbox, the register): what is shown (`summary`, e.g. 第 2 页，共 130 条) and
 * links to the page before and after, where there is one. `to(n)` gives page n's address (the other filters kept).
 */
export function Pager({ page, pages, summary, to, summaryTestId }: { page: number; pages: number; summary: ReactNode; to: (page: number) => string; summaryTestId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span data-testid={summaryTestId}>{summary}</span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="secondary" size="sm">
            <Link to={to(page - 1)}>{t('ui.table.prev')}</Link>
          </Button>
        ) : null}
        {page < pages ? (
          <Button asChild variant="secondary" size="sm">
            <Link to={to(page + 1)}>{t('ui.table.next')}</Link>
          </Button>
        ) : null}
      </span>
    </div>
  );
}

/**
 * A list the server pages (the inbox, the register): the server's page of `rows` in a table (no paging in the
 * browser), dimmed while the next page or filter loads, then its Pager (`pager`: Pager's props).
 */
export function PagedTable<Row extends { id: string }>({ rows, columns, empty, testId, pager }: { rows: Row[]; columns: Column<Row>[]; empty: ReactNode; testId: string; pager: Parameters<typeof Pager>[0] }) {
  const loading = useNavigation().state === 'loading';
  return (
    <>
      <Pending pending={loading}>
        <DataTable rows={rows} rowKey={(r) => r.id} pageSize={0} empty={empty} data-testid={testId} columns={columns} />
      </Pending>
      <Pager {...pager} />
    </>
  );
}
