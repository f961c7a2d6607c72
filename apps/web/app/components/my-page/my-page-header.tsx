import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { Alert } from '~/components/ui/alert.tsx';
import { useLooseT } from '~/lib/i18n.ts';

/**
 * The top of 我的 and of each page it links to (meals, services, school, volunteering): its title, beside it the way
 * back to 我的 (`back`) or what else belongs there (`aside`: 我的 itself has 退出), and what the last action was
 * refused with (`error`: a message key and its values, as resident actions answer), shown under them.
 */
export function MyPageHeader({
  title,
  back,
  aside,
  error,
  errorTestId,
}: {
  title: string;
  back?: { to: string; label: string };
  aside?: ReactNode;
  error?: { error?: string | null; params?: Record<string, string | number> } | null;
  errorTestId?: string;
}) {
  const tx = useLooseT();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {back ? (
          <Link to={back.to} className="text-brand-700 underline">
            {back.label}
          </Link>
        ) : null}
        {aside}
      </div>
      {error?.error ? (
        <Alert tone="error" data-testid={errorTestId}>
          {tx(error.error, error.params)}
        </Alert>
      ) : null}
    </>
  );
}
