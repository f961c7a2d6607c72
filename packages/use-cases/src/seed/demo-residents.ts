import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { buildings, cases, type Db, orgUnits, residentConsents, residentLinks, residents, residentTagLinks, residentTags, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { idCardCheckChar } from '@shequ/domain';
import { sealPerson } from '../residents/person.ts';
import { createPersonalDataCipher, DEV_PERSONAL_DATA_KEY, type PersonalDataCipher } from '../security/personal-data.ts';
import { seededRandom } from './seeded-random.ts';

const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '林', '龙', '杜', '田', '付'];
const GIVEN_M = ['建国', '志强', '国华', '德明', '永福', '文军', '海涛', '晓东', '伟', '军', '浩然', '子轩', '宇航', '明', '家豪', '振华', '守义'];
const GIVEN_F = ['秀英', '桂兰', '玉珍', '淑芬', '丽华', '红梅', '晓燕', '静', '芳', '雨桐', '欣怡', '梓涵', '美玲', '翠花', '素珍', '婷'];

/** The key the running product uses (npm start passes it to the seed), so search and reveal work on the demo register. */
export function demoCipher(): PersonalDataCipher {
  const key = process.env.PERSONAL_DATA_KEY;
  return createPersonalDataCipher(key && /^[0-9a-fA-F]{64}$/.test(key) ? key : DEV_PERSONAL_DATA_KEY);
}

/** A valid (checksummed, GB 11643) demo ID number of 观山湖区 for a birth date and gender. */
function demoIdNumber(birth: string, male: boolean, seq: number): string {
  const first17 = `520115${birth.replace(/-/g, '')}${String((seq % 50) * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/**
 * 金元社区's register (decision 034): `people` residents spread over its buildings (about a quarter 60 or older),
 * with realistic tags (高龄, 独居, 空巢, 党员, 志愿者 …), households sharing a flat, consent records, and a few of the
 * demo wishes linked to them. Only when the community's register is empty, so seeding twice adds nothing. The
 * same people on every machine (seeded random); sealed with the running product's key.
 */
export async function seedDemoResidents(db: Db, options: { people?: number; cipher?: PersonalDataCipher; now?: Date } = {}) {
  const cipher = options.cipher ?? demoCipher();
  const people = options.people ?? 320;
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed residents', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { created: 0 };
  const tenantId = jinyuan.id;
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(residents).where(eq(residents.tenantId, tenantId));
    if (existing!.n > 0) return { created: 0 };
    const blds = await tx.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.tenantId, tenantId)).orderBy(asc(buildings.name));
    const tags = new Map((await tx.select({ id: residentTags.id, name: residentTags.name }).from(residentTags).where(eq(residentTags.tenantId, tenantId))).map((t) => [t.name, t.id]));
    const random = seededRandom(16);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const thisYear = Number(today.slice(0, 4));

    type Seeded = { row: typeof residents.$inferInsert; tagNames: string[]; flat: string; age: number };
    const rows: Seeded[] = [];
    const mobiles = new Set<string>();
    for (let i = 0; i < people; i++) {
      const male = random() < 0.48;
      const name = pick(FAMILY) + pick(male ? GIVEN_M : GIVEN_F);
      // About a quarter 60 or older, some 80 or older; the rest children to working age.
      const r = random();
      const age = r < 0.07 ? 80 + Math.floor(random() * 15) : r < 0.26 ? 60 + Math.floor(random() * 20) : r < 0.4 ? 3 + Math.floor(random() * 15) : 18 + Math.floor(random() * 42);
      const birth = `${thisYear - age - 1}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      let mobile: string | null = null;
      if (age >= 14 && random() < (age >= 75 ? 0.55 : 0.95)) {
        do mobile = `1${pick(['38', '39', '58', '59', '86', '87', '35', '36'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
        while (mobiles.has(mobile));
        mobiles.add(mobile);
      }
      const idNumber = random() < 0.5 ? demoIdNumber(birth, male, i) : null;
      const building = blds.length ? pick(blds) : null;
      const unit = String(1 + Math.floor(random() * 3));
      const room = `${1 + Math.floor(random() * 18)}0${1 + Math.floor(random() * 4)}`;
      const tagNames: string[] = [];
      if (age >= 80) tagNames.push('高龄');
      if (age >= 60 && random() < 0.18) tagNames.push('独居');
      else if (age >= 60 && random() < 0.2) tagNames.push('空巢');
      if (age >= 70 && random() < 0.08) tagNames.push('失能/半失能');
      if (random() < 0.03) tagNames.push('残疾');
      if (random() < 0.04) tagNames.push('低保');
      if (random() < 0.01) tagNames.push('特困');
      if (age >= 18 && random() < 0.12) tagNames.push('党员');
      if (age >= 16 && age < 75 && random() < 0.1) tagNames.push('志愿者');
      if (male && age >= 25 && random() < 0.04) tagNames.push('退役军人');
      if (age < 16 && random() < 0.05) tagNames.push('留守儿童');
      const sealed = sealPerson(cipher, { name, mobile, idNumber });
      const at = new Date(Date.parse(`${today}T02:00:00Z`) - (people - i) * 3_600_000);
      rows.push({
        row: { tenantId, ...sealed, gender: male ? 'male' : 'female', birth: idNumber || random() < 0.5 ? birth : birth.slice(0, 7), buildingId: building?.id ?? null, unit, room, createdAt: at, updatedAt: at },
        tagNames,
        flat: `${building?.id}/${unit}/${room}`,
        age,
      });
    }
    // Every tag the default care rules name has someone (decision 073: 重病 and 孤儿 were named by the rules, carried by
    // no one): a few seriously ill elders and an orphan, chosen without the random sequence (the rest stays as it was).
    const withTag = (name: string, fits: (r: Seeded) => boolean, n: number) => {
      for (const r of rows.filter(fits).slice(0, n)) if (!r.tagNames.includes(name)) r.tagNames.push(name);
    };
    withTag('重病', (r) => r.age >= 70, 3);
    withTag('孤儿', (r) => r.age < 16 && !r.tagNames.includes('留守儿童'), 1);
    const written = await tx.insert(residents).values(rows.map((r) => r.row)).returning({ id: residents.id });
    const tagLinks = rows.flatMap((r, k) => r.tagNames.filter((n) => tags.has(n)).map((n) => ({ tenantId, residentId: written[k]!.id, tagId: tags.get(n)! })));
    if (tagLinks.length) await tx.insert(residentTagLinks).values(tagLinks);
    await tx.insert(residentConsents).values(written.map((w, k) => ({ tenantId, residentId: w.id, purpose: 'register' as const, channel: k % 5 === 0 ? ('paper' as const) : ('in_person' as const), givenOn: today })));
    // People who share a flat live together: one household link from the first of them to each other.
    const byFlat = new Map<string, number[]>();
    rows.forEach((r, k) => byFlat.set(r.flat, [...(byFlat.get(r.flat) ?? []), k]));
    const links = [...byFlat.values()].filter((ks) => ks.length > 1).flatMap(([first, ...others]) => others.map((k) => ({ tenantId, residentId: written[first!]!.id, otherId: written[k]!.id, kind: 'household' as const, relation: '家人' })));
    if (links.length) await tx.insert(residentLinks).values(links);
    // A few demo wishes are theirs (the person's page lists them).
    const open = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), isNull(cases.residentId))).orderBy(asc(cases.createdAt)).limit(12);
    const elders = written.filter((_, k) => rows[k]!.age >= 60);
    for (const [k, c] of open.entries()) {
      const who = elders[k % Math.max(1, elders.length)];
      if (who) await tx.update(cases).set({ residentId: who.id }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, c.id)));
    }
    return { created: written.length };
  });
}
