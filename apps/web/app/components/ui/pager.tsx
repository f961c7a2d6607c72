import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';

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
