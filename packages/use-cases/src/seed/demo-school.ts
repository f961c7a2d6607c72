import { and, asc, count, eq } from 'drizzle-orm';
import { type Db, orgUnits, residents, schoolAttendance, schoolCourses, schoolEnrolments, schoolTerms, SYSTEM_SCOPES, withSystem, withTenant } from '@shequ/db';
import { addDays, ageOn, chinaDate, chinaInstant } from '@shequ/domain';
import { seededRandom } from './seeded-random.ts';

/**
 * 金元社区's senior school (decision 043): this autumn's term (from about eleven weeks ago to seven weeks ahead; 24
 * hours to accept an offered place) with three courses taught by people of the register: 舞蹈 (first come, 20
 * places: full, with four on the waiting list), 书法 (returning students first, allocated) and 智能手机 (by draw,
 * allocated); students are elders of the register; the dance class has its attendance since the term began. Only
 * when the school has no term yet. Returns what it made.
 */
export async function seedDemoSchool(db: Db, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const today = chinaDate(now);
  const [jinyuan] = await withSystem(db, SYSTEM_SCOPES.maintenance, 'seed school', (tx) => tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.adminCode, '520115001001')));
  if (!jinyuan) return { courses: 0, enrolments: 0 };
  const tenantId = jinyuan.id;
  return withTenant(db, tenantId, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(schoolTerms).where(eq(schoolTerms.tenantId, tenantId));
    if (existing!.n > 0) return { courses: 0, enrolments: 0 };
    const people = await tx
      .select({ id: residents.id, birth: residents.birth })
      .from(residents)
      .where(and(eq(residents.tenantId, tenantId), eq(residents.status, 'active')))
      .orderBy(asc(residents.id));
    const elders = people.filter((p) => p.birth && ageOn(p.birth, today) >= 60 && ageOn(p.birth, today) < 85);
    const teachers = people.filter((p) => p.birth && ageOn(p.birth, today) >= 45 && ageOn(p.birth, today) < 70).slice(0, 3);
    if (elders.length < 30 || teachers.length < 3) return { courses: 0, enrolments: 0 };
    const random = seededRandom(41);
    const startsOn = addDays(today, -77);
    const [term] = await tx.insert(schoolTerms).values({ tenantId, name: `${today.slice(0, 4)}年秋季学期`, startsOn, endsOn: addDays(today, 49), offerHours: 24 }).returning();
    const courses = await tx
      .insert(schoolCourses)
      .values([
        { tenantId, termId: term!.id, title: '舞蹈', teacherResidentId: teachers[0]!.id, weekday: 2, startsAt: '09:00', endsAt: '10:30', room: '二楼多功能厅', capacity: 20, feeCents: 0, rule: 'first_come' },
        { tenantId, termId: term!.id, title: '书法', teacherResidentId: teachers[1]!.id, weekday: 4, startsAt: '14:30', endsAt: '16:00', room: '阅览室', capacity: 25, feeCents: 5000, rule: 'returning_first', allocatedAt: chinaInstant(addDays(startsOn, -3), '17:00') },
        { tenantId, termId: term!.id, title: '智能手机', teacherResidentId: teachers[2]!.id, weekday: 5, startsAt: '09:30', endsAt: '11:00', room: '电脑室', capacity: 15, feeCents: 0, rule: 'draw', allocatedAt: chinaInstant(addDays(startsOn, -3), '17:00') },
      ])
      .returning();
    const shuffled = [...elders].sort(() => random() - 0.5);
    const plan: [number, number, number][] = [
      [0, 24, 20], // 舞蹈: 24 asked, 20 places → 4 waiting
      [1, 18, 25], // 书法: 18 of 25
      [2, 15, 15], // 智能手机: full, nobody waiting
    ];
    let enrolments = 0;
    let offset = 0;
    for (const [index, asked, capacity] of plan) {
      const course = courses[index]!;
      const students = shuffled.slice(offset, offset + asked);
      offset += Math.floor(asked / 2); // some elders take two courses
      const queued = chinaInstant(addDays(startsOn, -10), '09:00');
      const rows = students.map((s, i) => {
        const enrolled = i < capacity;
        const at = new Date(queued.getTime() + i * 7 * 60_000);
        return { tenantId, courseId: course.id, residentId: s.id, status: enrolled ? 'enrolled' : 'waiting', returning: index === 1 && i < 6, drawRank: course.rule === 'first_come' ? null : i + 1, queuedAt: at, decidedAt: enrolled ? (course.allocatedAt ?? at) : null, bookedBy: random() < 0.5 ? 'staff' : 'self' };
      });
      if (rows.length) await tx.insert(schoolEnrolments).values(rows);
      enrolments += rows.length;
    }
    // The dance class's attendance every Tuesday since the term began (most come).
    const dance = courses[0]!;
    const danced = shuffled.slice(0, 20);
    const marks: (typeof schoolAttendance.$inferInsert)[] = [];
    for (let day = startsOn; day < today; day = addDays(day, 1)) {
      if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 2) continue;
      for (const s of danced) if (random() < 0.85) marks.push({ tenantId, courseId: dance.id, residentId: s.id, day, method: random() < 0.6 ? 'qr' : 'list', markedAt: chinaInstant(day, '08:55') });
    }
    if (marks.length) await tx.insert(schoolAttendance).values(marks);
    return { courses: courses.length, enrolments };
  });
}
