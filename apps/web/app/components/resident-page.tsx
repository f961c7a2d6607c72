import type { ReactNode } from 'react';
import { cn } from '~/lib/utils.ts';

/** A page residents read (the public pages, 我的, signing in): its title, a line on what it is for, then the page. */
export function ResidentPage({ title, intro, className, children }: { title: ReactNode; intro?: ReactNode; className?: string; children?: ReactNode }) {
  return (
    <div className={cn('space-y-4', className)}>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {intro ? <p className="text-slate-600">{intro}</p> : null}
      {children}
    </div>
  );
}
