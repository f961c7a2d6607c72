import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orgUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { listPosterCodes } from '../src/index.ts';
import { refusal, seededDatabase } from './support.ts';

// Who may print a community's QR posters: the QR page's readers inside the community, officers above it — not a
// volunteer-team leader, who reads the community but not its codes (t37: the poster zip answered 200 to them while
// the QR page answered 403).
const db = seededDatabase();
let tenantId: string;

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
});

const printAs = async (mobile: string, inCommunity = true) => {
  const actor = await db.actorFor(mobile, inCommunity ? tenantId : undefined);
  return withTenant(db.app, tenantId, (tx) => listPosterCodes(tx, { ability: defineAbilityFor(actor) }, { communityId: tenantId }));
};

describe('QR posters', () => {
  it('the admin, the grid worker and the street officer print every code; the volunteer-team leader is refused', async () => {
    const admin = await printAs('13800000004');
    expect(admin.codes.length).toBeGreaterThan(1);
    expect((await printAs('13800000006')).codes).toHaveLength(admin.codes.length);
    expect((await printAs('13800000002', false)).codes).toHaveLength(admin.codes.length);
    expect(await refusal(printAs('13800000007'))).toBe('forbidden');
  });
});
