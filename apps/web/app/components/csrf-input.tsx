import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root.tsx';

/** The session's CSRF token, required by every signed-in form (checked by requireSubmission, lib/forms.server.ts). */
export function CsrfInput() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  return <input type="hidden" name="csrf" value={root?.csrf ?? ''} />;
}
