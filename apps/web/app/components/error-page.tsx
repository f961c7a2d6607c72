import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** One error page for every boundary: translated, no stack trace, a way back. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const code = isRouteErrorResponse(error) && error.data && typeof error.data === 'object' ? (error.data as { code?: string }).code : undefined;
  const [title, body] =
    status === 403
      ? code === 'csrf'
        ? [t('errors.forbiddenTitle'), t('auth.errors.csrf')]
        : code === 'accountOutOfReach'
          ? [t('errors.forbiddenTitle'), t('staff.resetOutOfReach')]
          : [t('errors.forbiddenTitle'), t('errors.forbidden')]
      : status === 404
        ? [t('errors.notFoundTitle'), t('errors.notFound')]
        : status === 400
          ? [t('errors.serverTitle'), t('errors.badRequest')]
          : [t('errors.serverTitle'), t('errors.server')];
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center" data-status={status}>
      <p className="text-5xl font-bold text-slate-300">{status}</p>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-600">{body}</p>
      <Link to="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t('errors.home')}
      </Link>
    </div>
  );
}
