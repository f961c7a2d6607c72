import { Form } from '@remix-run/react';
import { SlidersHorizontal } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '~/lib/utils.ts';

/**
 * A GET form of filters that folds away on a phone (a 筛选条件 button opens it) and is always open from the
 * `md` breakpoint up. It starts open on a phone when a filter is already applied, so the user sees why the list
 * is short.
 */
export function FilterPanel({ children, active = false, className }: { children: ReactNode; active?: boolean; className?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(active);
  const id = useId();
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <button
        type="button"
        className="flex w-full items-center justify-between gap-2 px-3 py-2.5 text-sm font-medium text-slate-700 md:hidden"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        data-testid="filter-toggle"
      >
        <span className="flex items-center gap-2">
          <SlidersHorizontal aria-hidden className="h-4 w-4" />
          {t('ui.filters')}
        </span>
        <span className="text-xs text-slate-500">{open ? t('ui.hideFilters') : t('ui.showFilters')}</span>
      </button>
      <Form noValidate method="get" role="search" id={id} className={cn(open ? 'grid' : 'hidden', 'gap-3 border-t border-slate-100 p-3 md:grid md:border-t-0', className)}>
        {children}
      </Form>
    </div>
  );
}
