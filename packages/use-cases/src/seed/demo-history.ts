import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { cases, categories, type Db, orgUnits, SYSTEM_SCOPES, users, withSystem, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import { listWorkspaces } from '../auth/workspaces.ts';
import { acceptCase } from '../cases/accept-case.ts';
import { rejectCase } from '../cases/reject-case.ts';
import { resolveCase } from '../cases/resolve-case.ts';
import { anonymousCaller } from '../caller.ts';
import { rateCase } from '../cases/rate-case.ts';
import { reopenCase } from '../cases/reopen-case.ts';
import { submitCase } from '../cases/submit-case.ts';
import { rebuildRollups } from '../dashboards/rollups.ts';
import { escalateCase } from '../escalation/escalate-case.ts';
import { createPersonalDataCipher, DEV_PERSONAL_DATA_KEY } from '../security/personal-data.ts';
import { localPhotoStorage } from '../storage/photo-storage.ts';
import { seededRandom } from './seeded-random.ts';

const H = 3_600_000;
const CONTENT = ['楼道灯不亮了', '小区门口垃圾没人清', '单元门禁坏了', '想报名老年食堂', '孩子放学后没人照看', '楼上漏水', '下水道堵塞', '广场舞音乐太吵', '健身器材松动', '井盖松了有危险'];

/**
 * A few months of handled wishes in every demo community (no personal data), so the dashboards have something to
 * compare from the first login: different communities respond, close and satisfy differently. Only for
 * communities that have no cases yet, so seeding twice adds nothing.
 */
export async function seedDemoHistory(db: Db, now = new Date(), perCommunity = 36) {
  const deps = { cipher: createPersonalDataCipher(DEV_PERSONAL_DATA_KEY), storage: localPhotoStorage(path.join(tmpdir(), 'shequ-demo-history')) };
  const communities = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed history', (tx) => tx.select({ id: orgUnits.id, slug: orgUnits.slug }).from(orgUnits).where(eq(orgUnits.kind, 'community')));
  const [staff] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed history', (tx) => tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.mobile, '13800000005')));
  let created = 0;
  for (const [index, community] of communities.entries()) {
    const tenantId = community.id;
    const [existing] = await withTenant(db, tenantId, (tx) => tx.select({ n: count() }).from(cases).where(eq(cases.tenantId, tenantId)));
    if (existing!.n > 0) continue;
    if (!staff) continue;
    // The demo staff member's own workspace where she has one; elsewhere the history is recorded as if she had
    // worked there (demo data only: the ability is built for that community, no membership is created).
    const own = (await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed history', (tx) => listWorkspaces(tx, staff.id))).find((w) => w.tenantId === tenantId);
    const [unit] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed history', (tx) => tx.select().from(orgUnits).where(eq(orgUnits.id, tenantId)));
    const ws = own ?? { membershipId: 'demo-history', role: 'community_staff' as const, orgUnitId: tenantId, orgUnitName: unit!.name, tenantId, streetId: unit!.streetId, districtId: unit!.districtId, tenantStatus: 'active' as const };
    const actor = { userId: staff.id, displayName: staff.displayName, workspace: ws };
    const caller = { actor, ability: defineAbilityFor(actor) };
    const cats = await withTenant(db, tenantId, (tx) => tx.select().from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.active, true))));
    const random = seededRandom(1000 + index); // the demo history is the same on every machine
    const skill = 0.55 + 0.4 * random(); // how well this community does
    for (let i = 0; i < perCommunity; i++) {
      const at = new Date(now.getTime() - (10 + Math.floor(random() * 150)) * 24 * H - Math.floor(random() * 8) * H);
      const category = cats[Math.floor(random() * cats.length)]!;
      const { id, trackingCode } = await submitCase(db, anonymousCaller(), { tenantId, categoryId: category.id, content: CONTENT[Math.floor(random() * CONTENT.length)]!, consent: false, photos: [], channel: 'qr', deps }, at);
      created++;
      let t = at.getTime();
      const later = (hours: number) => new Date((t += hours * H));
      const r = random();
      await withTenant(db, tenantId, async (tx) => {
        if (r < 0.05) return rejectCase(tx, caller, { tenantId, caseId: id, reason: 'spam' }, later(2));
        await acceptCase(tx, caller, { tenantId, caseId: id }, later(random() < skill ? 1 + random() * 4 : 10 + random() * 30));
        if (r < 0.15) return escalateCase(tx, caller, { tenantId, caseId: id, reason: '涉及公共设施，需街道协调' }, later(5));
        if (r > 0.95) return; // still being handled
        await resolveCase(tx, caller, { tenantId, caseId: id, resolution: '已处理完毕' }, later(random() < skill ? 8 + random() * 24 : 40 + random() * 80));
        if (random() < 0.1) {
          await reopenCase(tx, anonymousCaller(), { tenantId, code: trackingCode, reason: '问题又出现了' }, later(24));
          return resolveCase(tx, caller, { tenantId, caseId: id, resolution: '已再次处理' }, later(24));
        }
        if (random() < 0.8) return rateCase(tx, anonymousCaller(), { tenantId, code: trackingCode, rating: random() < skill ? 4 + Math.round(random()) : 2 + Math.round(random() * 2) }, later(12));
      });
    }
    await rebuildRollups(db, tenantId, now);
  }
  return { created };
}
