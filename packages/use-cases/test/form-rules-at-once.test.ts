import { describe, expect, it } from 'vitest';
import * as schemas from '../src/schemas.ts';
import {
  acceptInvitationSchema,
  addActionItemInputSchema,
  careManageFormSchema,
  careSyncFormSchema,
  careVisitFormSchema,
  committeeDeskFormSchema,
  createMatterInputSchema,
  declareCarePeriodSchema,
  decisionPageFormSchema,
  districtSlaFormSchema,
  forgotPasswordFormSchema,
  hierarchyFormSchema,
  meetingPageFormSchema,
  onboardCommunitySchema,
  partnersPageFormSchema,
  postsPageFormSchema,
  resetPasswordSchema,
  resetPasswordWithCodeSchema,
  saveCalendarSchema,
  scheduleMeetingInputSchema,
  servicePostInputSchema,
  servicePostLeaderInputSchema,
  slaFormSchema,
  submitWishSchema,
  z,
} from '../src/schemas.ts';
import { parseInput } from '../src/parse-input.ts';
import type { UseCaseError } from '../src/errors.ts';

// Issue 18's trial: a form's rules across fields were said only once its fields had parsed (Zod skips an object's
// refine / superRefine when a field stops the parse: a choice not made, a required text missing, "abc" for a number,
// a field sent twice), so a person with several problems learnt them in two rounds. Every such schema now checks its
// rules with withRules (zod.ts), on whatever parsed, in the same pass. Each case below has a field that stops the
// parse and a rule across fields broken, and both are said at once (before: the field's alone).
type Parsable = { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } } };
const problems = (schema: Parsable, input: Record<string, unknown>) => {
  const r = schema.safeParse(input);
  return r.success ? [] : [...new Set(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`))].sort();
};
const ITEM = '0190aaaa-0000-7000-8000-000000000000';
const sorted = (list: string[]) => [...list].sort();

describe('the committee’s forms say their rules across fields with their fields’ own problems', () => {
  it('the meeting form: a seat count that is not a number, an end before the start, no place, no agenda', () => {
    expect(problems(committeeDeskFormSchema, { intent: 'meeting', topic: '桥', startsAt: '2030-01-01T10:00', endsAt: '2030-01-01T09:00', capacity: 'abc' })).toEqual(
      sorted(['capacity: validation.wholeBetween?min=1&max=10000', 'endsAt: refusals.consultation.time.invalid?start=2030-01-01%2010%3A00', 'place: refusals.consultation.place.required', 'matterIds: refusals.consultation.agenda.empty']),
    );
    // A link typed wrong is told its own problem, not also "a place or a link".
    expect(problems(committeeDeskFormSchema, { intent: 'meeting', topic: '桥', startsAt: '2030-01-01T10:00', onlineUrl: 'javascript:alert(1)', matterIds: ITEM })).toEqual(['onlineUrl: refusals.consultation.online.invalid']);
  });
  it('the matter form: no title, and a unit’s matter without its unit', () => {
    expect(problems(committeeDeskFormSchema, { intent: 'matter', source: 'unit' })).toEqual(sorted(['title: refusals.consultation.title.required', 'partnerUnitId: refusals.consultation.unit.required']));
    expect(problems(committeeDeskFormSchema, { intent: 'matter', title: '理发', source: 'wish' })).toEqual(['caseIds: refusals.consultation.wishes.invalid']);
  });
  it('the vote form: no outcome chosen, and more votes than 实到', () => {
    expect(problems(meetingPageFormSchema, { intent: 'decide', itemId: ITEM, votesFor: '5', votesAgainst: '3', attending: '7' })).toEqual(sorted(['outcome: validation.choose', 'votesFor: refusals.consultation.votes.tooMany?attending=7']));
  });
  it('the action item form (decisions): no title, a weight that is not a number, and a unit as owner without the unit', () => {
    expect(problems(decisionPageFormSchema, { intent: 'addAction', ownerKind: 'partner_unit', weight: 'abc' })).toEqual(
      sorted(['title: refusals.consultation.title.required', 'weight: validation.wholeBetween?min=1&max=100', 'ownerPartnerUnitId: refusals.consultation.owner.invalid']),
    );
    expect(problems(decisionPageFormSchema, { intent: 'addAction', title: '修桥', ownerKind: 'team', ownerTeam: '' })).toEqual(['ownerTeam: refusals.consultation.owner.invalid']);
    expect(problems(decisionPageFormSchema, { intent: 'addAction', title: '修桥', ownerKind: 'staff', ownerUserId: ITEM })).toEqual([]);
  });
  it('the partner unit form: no kind chosen, and 退出日期 before 加入日期', () => {
    expect(problems(partnersPageFormSchema, { intent: 'register', name: '金元理发', memberSince: '2025-01-01', memberUntil: '2024-01-01' })).toEqual(sorted(['kind: refusals.partner.kind.invalid', 'memberUntil: refusals.partner.membership.invalid']));
  });
  it('the post forms (posts and their occurrences’ page): no title, and a party member’s post without its leader', () => {
    expect(problems(postsPageFormSchema, { intent: 'post', recurrence: 'weekly:6', startTime: '09:00', requiresPartyLeader: 'on' })).toEqual(sorted(['title: refusals.consultation.title.required', 'leaderResidentId: refusals.partner.leader.required']));
    expect(problems(postsPageFormSchema, { intent: 'leader', requiresPartyLeader: 'on' })).toEqual(sorted(['postId: validation.required', 'leaderResidentId: refusals.partner.leader.required']));
    expect(problems(postsPageFormSchema, { intent: 'leader', postId: ITEM, requiresPartyLeader: 'on', leaderResidentId: ITEM })).toEqual([]);
  });
  it('the use cases refuse the same, every problem in one refusal, the fields’ own first (parseInput)', () => {
    const all = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return (e as UseCaseError).all.map((p) => [p.code, p.params]);
      }
      return [];
    };
    const now = new Date('2026-11-30T02:00:00Z');
    expect(all(() => parseInput(scheduleMeetingInputSchema(now), { topic: '', startsAt: '2026-11-30T09:00', endsAt: '2026-11-30T08:00', capacity: 'abc' } as never))).toEqual([
      ['consultation.topic.required', { field: 'topic' }],
      ['input.invalid', { field: 'capacity' }],
      ['consultation.time.past', { field: 'startsAt', earliest: '2026-11-30 10:01' }],
      ['consultation.time.invalid', { field: 'endsAt', start: '2026-11-30 09:00' }],
      ['consultation.place.required', { field: 'place' }],
      ['consultation.agenda.empty', { field: 'matterIds' }],
    ]);
    expect(all(() => parseInput(createMatterInputSchema, { source: 'unit' } as never))).toEqual([
      ['consultation.title.required', { field: 'title' }],
      ['consultation.unit.required', { field: 'partnerUnitId' }],
    ]);
    expect(all(() => parseInput(addActionItemInputSchema, { decisionId: ITEM, ownerKind: 'department' } as never))).toEqual([
      ['consultation.title.required', { field: 'title' }],
      ['consultation.owner.invalid', { field: 'ownerOrgUnitId' }],
    ]);
    expect(all(() => parseInput(servicePostInputSchema, { recurrence: 'daily', startTime: '09:00', requiresPartyLeader: true } as never))).toEqual([
      ['consultation.title.required', { field: 'title' }],
      ['partner.recurrence.invalid', { field: 'recurrence' }],
      ['partner.leader.required', { field: 'leaderResidentId' }],
    ]);
    expect(all(() => parseInput(servicePostLeaderInputSchema, { postId: ITEM, requiresPartyLeader: true }))).toEqual([['partner.leader.required', { field: 'leaderResidentId' }]]);
  });
});

describe('the other forms of packages/use-cases say theirs at once too', () => {
  it('the residents’ wish form: no category, no wish, and a number left without consent', () => {
    expect(problems(submitWishSchema, { mobile: '13800000000' })).toEqual(sorted(['categoryId: intake.category.invalid', 'content: intake.content.required', 'consent: intake.consent.required']));
    // A number typed wrong still asks for consent (it is a number the resident meant to leave).
    expect(problems(submitWishSchema, { categoryId: ITEM, content: '路灯坏了', mobile: '1380000' })).toEqual(sorted(['mobile: intake.mobile.invalid', 'consent: intake.consent.required']));
  });
  it('the new password forms: no password, and a confirmation that differs', () => {
    expect(problems(resetPasswordSchema, { confirm: 'abc' })).toEqual(sorted(['password: reset.errors.required', 'confirm: reset.errors.mismatch']));
    expect(problems(acceptInvitationSchema, { newAccount: '1', confirm: 'x' })).toEqual(sorted(['password: reset.errors.required', 'confirm: reset.errors.mismatch']));
    expect(problems(resetPasswordWithCodeSchema, { code: '123456', password: 'Shequ@2026x', confirm: 'Shequ@2026y' })).toEqual(sorted(['mobile: forgot.errors.mobileRequired', 'confirm: reset.errors.mismatch']));
    expect(problems(forgotPasswordFormSchema, { intent: 'reset', code: '123456', password: 'Shequ@2026x', confirm: 'Shequ@2026y' })).toEqual(sorted(['mobile: forgot.errors.mobileRequired', 'confirm: reset.errors.mismatch']));
    // The same password typed twice is no mismatch, even when the policy refuses it.
    expect(problems(resetPasswordSchema, { password: 'abc', confirm: 'abc' }).some((p) => p.startsWith('confirm'))).toBe(false);
  });
  it('the hierarchy, onboarding, calendar and time-limit forms: a field sent twice, and their rules', () => {
    expect(problems(hierarchyFormSchema, { intent: 'add', kind: 'street', parentId: ['a', 'b'], name: '', adminCode: '520115000000' })).toEqual(sorted(['parentId: validation.single', 'name: refusals.org.name.invalid', 'adminCode: refusals.org.badCode']));
    expect(problems(onboardCommunitySchema, { streetId: ['a', 'b'], name: '金苑', slug: 'jinyuan-9', adminName: '王' })).toEqual(sorted(['streetId: validation.single', 'adminMobile: refusals.onboarding.adminMobile.required']));
    // A mobile typed wrong is told so, not also "a mobile or an e-mail".
    expect(problems(onboardCommunitySchema, { streetId: 's', name: '金苑', slug: 'jinyuan-9', adminName: '王', adminMobile: '12345' })).toEqual(['adminMobile: refusals.onboarding.adminMobile.invalid']);
    expect(problems(saveCalendarSchema, { intent: 'typed', year: '1999', holidays: ['a', 'b'] })).toEqual(sorted(['holidays: validation.single', 'year: refusals.calendar.year']));
    expect(problems(slaFormSchema, { acceptHours: ['1', '2'], workStart: '17:00', workEnd: '17:30' })).toEqual(sorted(['acceptHours: validation.single', 'workStart: refusals.sla.hours.invalid']));
    expect(problems(districtSlaFormSchema, { intent: 'weights', categoryName: ['a', 'b'], response: '30', resolution: '40', satisfaction: '40' })).toEqual(sorted(['categoryName: validation.single', 'response: refusals.dashboard.weights.invalid']));
  });
  it('the care forms: a period’s days out of order with no kind chosen (the management page said the order only after the server’s round); a visit’s need and who was seen with a time that is not one', () => {
    const period = { name: '高温', firstDay: '2026-07-10', lastDay: '2026-07-01' };
    expect(problems(declareCarePeriodSchema, period)).toEqual(sorted(['kind: care.kind.invalid', 'lastDay: care.period.invalid']));
    expect(problems(careManageFormSchema, { intent: 'period', ...period })).toEqual(sorted(['kind: care.kind.invalid', 'lastDay: care.period.invalid']));
    const visit = { id: ITEM, kind: 'home', residentId: ITEM, visitedAt: 'garbage', needCategoryId: ITEM };
    const said = sorted(['visitedAt: care.visitedAt.invalid', 'needContent: care.need.content', 'seen: care.seen.required']);
    expect(problems(careVisitFormSchema, visit).filter((p) => !p.startsWith('kind'))).toEqual(said);
    expect(problems(careSyncFormSchema, { intent: 'visit', ...visit }).filter((p) => !p.startsWith('kind'))).toEqual(said);
  });
});

describe('no schema checks fields against each other in a way a field’s problem can skip', () => {
  // An object's (or a union's) refine / superRefine runs only when every field parsed; withRules is the one way.
  const refinedObject = (schema: z.ZodTypeAny, seen = new Set<z.ZodTypeAny>()): boolean => {
    if (seen.has(schema)) return false;
    seen.add(schema);
    const def = schema._def as { typeName?: string; effect?: { type: string }; schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny; shape?: () => Record<string, z.ZodTypeAny>; options?: z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny> };
    if (def.typeName === 'ZodEffects' && def.effect?.type === 'refinement') {
      let inner = def.schema!;
      while (['ZodOptional', 'ZodNullable', 'ZodDefault'].includes((inner._def as { typeName: string }).typeName)) inner = (inner._def as { innerType: z.ZodTypeAny }).innerType;
      if (['ZodObject', 'ZodDiscriminatedUnion', 'ZodUnion', 'ZodIntersection'].includes((inner._def as { typeName: string }).typeName)) return true;
    }
    const children = [def.schema, def.innerType, ...(def.shape ? Object.values(def.shape()) : []), ...(def.options ? [...(def.options instanceof Map ? def.options.values() : def.options)] : [])].filter(Boolean) as z.ZodTypeAny[];
    return children.some((c) => refinedObject(c, seen));
  };
  it('finds none among the schemas the apps and use cases share', () => {
    const offenders = Object.entries(schemas)
      .flatMap(([name, value]) => {
        const found = typeof value === 'function' && name.endsWith('InputSchema') ? (value as (now: Date) => unknown)(new Date()) : value;
        return found instanceof z.ZodType && refinedObject(found) ? [name] : [];
      })
      .sort();
    expect(offenders).toEqual([]);
  });
});
