import { useMatches } from '@remix-run/react';

/**
 * A route `handle` for a page sent without the app's scripts (routes/_staff+/refused.tsx: a refusal drawn at an
 * address no route of the browser's app matches, so it could not be hydrated there). Its links and forms are plain
 * ones, and the shell draws its menus so they work without JavaScript.
 */
export const NO_SCRIPTS = { scripts: false } as const;

/** Whether the page is sent with the app's scripts (no matched route's handle says NO_SCRIPTS). */
export function useScripted(): boolean {
  return !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
}
