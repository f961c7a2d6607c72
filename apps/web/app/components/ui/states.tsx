import { Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '~/lib/utils.ts';
import { Alert } from './alert.tsx';

export { EmptyState } from './empty-state.tsx';

/** While a page's data is on its way (a pending navigation or fetcher): announced politely, no layout jump. */
export function LoadingState({ label, className }: { label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className={cn('flex items-center justify-center gap-2 py-8 text-sm text-slate-500', className)}>
      <Loader2 aria-hidden className="h-4 w-4 animate-spin" />
      {label ?? t('ui.loading')}
    </div>
  );
}

/** A part of a page that failed to load; the rest of the page stays usable. */
export function ErrorState({ title, children, action }: { title?: string; children?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert tone="error">
      <p className="font-medium">{title ?? t('ui.loadError')}</p>
      {children ? <div className="mt-1">{children}</div> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </Alert>
  );
}

/** Dims content that is being replaced by a pending navigation (filters, paging), so stale rows are not read as new. */
export function Pending({ pending, children, className }: { pending: boolean; children: ReactNode; className?: string }) {
  return (
    <div aria-busy={pending || undefined} className={cn('transition-opacity', pending && 'opacity-60', className)}>
      {children}
    </div>
  );
}
