import { sql, type SQL } from 'drizzle-orm';
import { notifications } from '@shequ/db';

/**
 * Whether a notification is about a community the user works in or above today: a membership of that community, of
 * its street or district, or of a department that serves it (a street's department its street, a district's the
 * district: isCommunityInReach's rule).
 * A notification about no community is the user's as it is. A user who stopped working somewhere, or was recorded
 * as a handler where they hold no membership (the demo history), no longer sees that place's news: the bell linked
 * to cases that answered 404 (found from outside). The bell's list and its number use the same rule.
 */
export function aboutPlaceInReach(userId: string): SQL {
  return sql`(${notifications.communityId} is null or exists (
    select 1 from memberships m
    join org_units mu on mu.id = m.org_unit_id
    join org_units c on c.id = ${notifications.communityId}
    where m.user_id = ${userId}
      and (mu.id = c.id or mu.id = c.street_id or mu.id = c.district_id
        or (mu.kind = 'department' and (case when mu.street_id is not null then mu.street_id = c.street_id else mu.district_id = c.district_id end)))))`;
}
