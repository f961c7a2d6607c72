import type { StaffCaller } from '@shequ/use-cases';
import { requireActor } from '~/lib/session.server.ts';

// The server half shared by the meal help pages (decision 038): the caller and the day or month asked for. Their use
// cases run through runAsStaff / actAsStaff (~/lib/staff-scope.server.ts).

/** The signed-in community member. */
export async function mealCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** Today in China (YYYY-MM-DD). A page's day or month from its address: queryDay / queryMonth (~/lib/query-params.ts). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
