import { data } from '@remix-run/node';
import { z } from './validation.ts';
import { cleanText, isCalendarDay, isCalendarMonth } from '@shequ/domain';
import { QUERY_YEAR_MAX, QUERY_YEAR_MIN, queryYears } from './query-years.ts';

export { QUERY_YEAR_MAX, QUERY_YEAR_MIN };

// Query parameters are user input too: a malformed choice (an id, a status) is ignored (undefined) rather than an
// error; a day or month that is not a real one is said back on a 400 page (readQueryPeriod): a list filtered "from
// 2026-02-30" must not quietly show every day (issue 19).

/** An id (uuid) in a filter. */
export const optionalId = z.string().uuid().optional().catch(undefined);

/**
 * Free text in a filter (a search, a name), at most `max` characters after cleaning: control characters such as
 * NUL are dropped (PostgreSQL refuses NUL in text, and a %00 in a link used to answer 500).
 */
export const optionalText = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max)).optional().catch(undefined);

/**
 * The year a figures page or report asks for (`?year=`), this year in China when absent or empty; a year that is not
 * one (9999, 26, 😀) answers the 400 page naming it — it was read as this year, and the page showed this year's
 * figures under an address asking for another (found from outside, issue 18).
 */
export function queryYear(request: Request, name = 'year'): number {
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const read = readQueryPeriod(request, 'year', String(thisYear), name);
  return read.ok ? Number(read.value) : refuseQueryPeriod(read);
}

/**
 * A day or month a page takes from its address: the value, or what was asked when it is not a real one (`filter`:
 * the parameter only narrows a list — without it the list shows every day, not today).
 */
export type QueryPeriod = { ok: true; value: string } | { ok: false; kind: 'day' | 'month' | 'year'; name: string; asked: string; filter?: boolean };

/**
 * Reads the day (`kind: 'day'`, YYYY-MM-DD), month (`'month'`, YYYY-MM) or year (`'year'`, QUERY_YEAR_MIN–MAX) a
 * page's address names in `name`: absent or
 * empty gives `fallback` (today, this month …); a value that is not a real day or month (2026-02-30, 2026-13, 😀,
 * a year outside isCalendarDay's range) is not ok, with what was asked (cut to 40 characters, to be shown back).
 * The one reader of days and months in the query string (issue 19: an impossible month once downloaded another
 * month's claim file).
 */
export function readQueryPeriod(request: Request, kind: 'day' | 'month' | 'year', fallback: string, name: string = kind): QueryPeriod {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null || raw.trim() === '') return { ok: true, value: fallback };
  const v = raw.trim();
  const valid = kind === 'day' ? isCalendarDay(v) : kind === 'month' ? isCalendarMonth(v) : /^\d{4}$/.test(v) && Number(v) >= QUERY_YEAR_MIN && Number(v) <= QUERY_YEAR_MAX;
  return valid ? { ok: true, value: v } : { ok: false, kind, name, asked: Array.from(cleanText(v)).slice(0, 40).join('') };
}

/**
 * The 400 page (in the app's layout, errors.badDay / errors.badMonth with what was asked) for an address whose day or
 * month cannot be read: nothing of another period is shown or downloaded instead.
 */
export function refuseQueryPeriod(refused: Extract<QueryPeriod, { ok: false }>): never {
  // The years the reader accepts, so the message names them (?day=9999-01-01 has the right shape: a message that
  // only gave the shape did not say what was wrong; issue 19's trial).
  const { min, max } = queryYears(refused.kind);
  throw data({ code: 'badQuery', kind: refused.kind, name: refused.name, value: refused.asked, filter: refused.filter ?? false, min, max }, { status: 400 });
}

/** A page's day from its address (`?day=`), `fallback` when absent; an impossible one answers the 400 page. */
export function queryDay(request: Request, fallback: string, name = 'day'): string {
  const read = readQueryPeriod(request, 'day', fallback, name);
  return read.ok ? read.value : refuseQueryPeriod(read);
}

/** A page's month from its address (`?month=`), `fallback` when absent; an impossible one answers the 400 page. */
export function queryMonth(request: Request, fallback: string, name = 'month'): string {
  const read = readQueryPeriod(request, 'month', fallback, name);
  return read.ok ? read.value : refuseQueryPeriod(read);
}

/**
 * A list's optional day filter from its address (`?from=`, `?to=`): undefined when absent or empty; a value that is
 * not a real day (2026-02-30, 2026-13-45, 😀) answers the 400 page naming it, with a link to the list without that
 * filter — never the list quietly unfiltered.
 */
export function queryFilterDay(request: Request, name: string): string | undefined {
  const read = readQueryPeriod(request, 'day', '', name);
  if (!read.ok) refuseQueryPeriod({ ...read, filter: true });
  return read.value || undefined;
}
