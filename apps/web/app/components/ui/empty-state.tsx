import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid={testId}>
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

/**
 * The empty state of something a community sets up once before its daily work can start (the station's first
 * sitting, the school's first term, the first service): whoever may set it up is told how (and led there by `to`,
 * when the form is on another page); anyone else is told who sets it up, so a page never just shows nothing.
 */
export function NotSetUp({ title, canSetUp, setUp, ask, to, testId }: { title: string; canSetUp: boolean; setUp: { text: string; link?: string }; ask: string; to?: string; testId: string }) {
  return (
    <EmptyState title={title} testId={testId}>
      <p data-testid={`${testId}-${canSetUp ? 'set-up' : 'ask'}`}>{canSetUp ? setUp.text : ask}</p>
      {canSetUp && to && setUp.link ? (
        <Link to={to} className="mt-2 inline-block font-medium text-brand-700 underline">
          {setUp.link}
        </Link>
      ) : null}
    </EmptyState>
  );
}
