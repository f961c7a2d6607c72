import { DAY_YEAR_MAX, DAY_YEAR_MIN } from '@shequ/domain';

// The years a page's address may name, for the reader (query-params.ts, on the server) and the 400 page that says
// them (error-page.tsx, in the browser too): one place, so the page never names other years than the reader takes
// (it fell back to 2000 where a day's years start at DAY_YEAR_MIN, 1900).

/** The years `?year=` may name (a report's year). */
export const QUERY_YEAR_MIN = 2000;
export const QUERY_YEAR_MAX = 2100;

/** The years accepted for a query value of `kind`: a year QUERY_YEAR_MIN…MAX, a day or month DAY_YEAR_MIN…MAX. */
export function queryYears(kind: 'day' | 'month' | 'year'): { min: number; max: number } {
  return kind === 'year' ? { min: QUERY_YEAR_MIN, max: QUERY_YEAR_MAX } : { min: DAY_YEAR_MIN, max: DAY_YEAR_MAX };
}
