import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root.tsx';

/**
 * Whether the page is in the residents' large-text mode (the `lt` cookie, read by the root loader; decision 035): the
 * root makes every rem larger, and pieces drawn apart from the page (a dialog) use their larger sizes too.
 */
export function useLargeText(): boolean {
  return Boolean(useRouteLoaderData<typeof rootLoader>('root')?.largeText);
}
