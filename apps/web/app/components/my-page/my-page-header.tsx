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
  error?: RefusedWith | null;
  errorTestId?: string;
}) {
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
      {error ? <ResidentRefusal refused={error} testId={errorTestId} /> : null}
    </>
  );
}

/** What a resident's action answers when refused (lib/resident-scope.server.ts): every problem, the first as `error`. */
type RefusedWith = { error?: string | null; params?: Record<string, string | number>; problems?: { error: string; params: Record<string, string | number> }[] };

/**
 * What a resident's action was refused with, above the page's buttons: every problem at once (a sign-up refused for
 * a missing skill and the volunteer's age says both), one line each; a single problem as one line.
 */
export function ResidentRefusal({ refused, testId }: { refused: RefusedWith; testId?: string }) {
  const tx = useLooseT();
  const problems = refused.problems?.length ? refused.problems : refused.error ? [{ error: refused.error, params: refused.params ?? {} }] : [];
  if (!problems.length) return null;
  const lines = [...new Set(problems.map((p) => tx(p.error, p.params)))];
  return (
    <Alert tone="error" data-testid={testId}>
      {lines.length === 1 ? (
        lines[0]
      ) : (
        <ul className="list-disc space-y-1 pl-5">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
