import { isCalendarDay } from '@shequ/domain';
import type { StaffCaller } from '@shequ/use-cases';
import { requireActor } from '~/lib/session.server.ts';

// The server half shared by the meal help pages (decision 038): the caller and the day or month asked for. Their use
// cases run through runAsStaff / actAsStaff (~/lib/staff-scope.server.ts).

/** The signed-in community member. */
export async function mealCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** Today in China (YYYY-MM-DD), and a valid day from the query string or a fallback. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function dayParam(request: Request, fallback: string): string {
  const v = new URL(request.url).searchParams.get('day');
  // A day that exists on the calendar (2026-02-30 parses in JavaScript and failed in PostgreSQL: a 500).
  return v && isCalendarDay(v) ? v : fallback;
}

/** A valid month (YYYY-MM) from the query string, or this month in China. */
export function monthParam(request: Request): string {
  const v = new URL(request.url).searchParams.get('month');
  return v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : chinaToday().slice(0, 7);
}
