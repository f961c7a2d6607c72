import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { cn } from '~/lib/utils.ts';
import { Alert } from './alert.tsx';

/**
 * The top of every staff page: one h1, an optional line under it, and the page's own actions on the right
 * (they wrap under the title on a phone instead of pushing the page wider). `back`: a link under the line to the page
 * this one belongs to (a feature's main page). `error`: what the page's last action was refused with, under it all.
 */
export function PageHeader({
  title,
  description,
  actions,
  className,
  titleTestId,
  back,
  error,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  titleTestId?: string;
  back?: { to: string; label: ReactNode };
  error?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div className={cn('flex flex-wrap items-start justify-between gap-x-4 gap-y-2', className)}>
        {/* At least 16rem for the title before the actions share its line: on a phone they go below it, rather than
            squeezing the name and address to one character a line (issue 16). */}
        <div className="min-w-0 flex-[1_1_16rem]">
          <h1 className="break-words text-xl font-semibold text-slate-900" data-testid={titleTestId}>
            {title}
          </h1>
          {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
          {back ? (
            <p className="mt-2 text-sm">
              <Link to={back.to} className="text-brand-700 underline">
                {back.label}
              </Link>
            </p>
          ) : null}
          {children}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </>
  );
}
