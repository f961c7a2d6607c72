import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, tenantIsolation, updatedAt } from './columns.ts';
import { cases } from './cases.ts';
import { users } from './identity.ts';
import { orgUnits } from './org.ts';
import { residents } from './residents.ts';

// The co-governance committee (共治委员会, issue 18, decision 037): partner units, consultation meetings that decide
// (四议两公开), and decisions tracked until done. A community's own data: tenant_id leads every key and foreign key,
// RLS enabled and forced with the tenant policy (decisions 001, 022). Kinds and states are text with a check (kinds
// are data, decision 026), their lists in @shequ/domain (cogovernance/*).

const inList = (column: string, values: readonly string[]) => sql.raw(`"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * The community's consultation rules (one row, absent = defaults): quorum (≥ num/den of 应到 attending) and
 * threshold (> num/den of those present voting for), notice days of 决议公开. POLICY.md: configuration, never constants.
 */
export const cogovernanceSettings = pgTable(
  'cogovernance_settings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    quorumNum: smallint('quorum_num').notNull().default(2),
    quorumDen: smallint('quorum_den').notNull().default(3),
    thresholdNum: smallint('threshold_num').notNull().default(1),
    thresholdDen: smallint('threshold_den').notNull().default(2),
    noticeDays: smallint('notice_days').notNull().default(7),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId] }),
    check('cogovernance_settings_quorum', sql`${t.quorumNum} > 0 and ${t.quorumNum} <= ${t.quorumDen}`),
    check('cogovernance_settings_threshold', sql`${t.thresholdNum} > 0 and ${t.thresholdNum} <= ${t.thresholdDen}`),
    check('cogovernance_settings_notice', sql`${t.noticeDays} between 1 and 60`),
    tenantIsolation('cogovernance_settings'),
  ],
).enableRLS();

/**
 * A partner unit (共建单位) of the community: kind, address, contact person (name and mobile sealed like the
 * register's, decision 034), what it can offer, committee membership dates, party members who reported.
 */
export const partnerUnits = pgTable(
  'partner_units',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    name: text('name').notNull(),
    kind: varchar('kind', { length: 20 }).notNull(),
    address: text('address'),
    contactNameEnc: text('contact_name_enc'),
    contactNameHint: text('contact_name_hint'),
    contactMobileEnc: text('contact_mobile_enc'),
    contactMobileHint: text('contact_mobile_hint'),
    contactMobileIndex: varchar('contact_mobile_index', { length: 64 }),
    offers: text('offers'),
    memberSince: date('member_since', { mode: 'string' }),
    memberUntil: date('member_until', { mode: 'string' }),
    partyMembersReported: integer('party_members_reported').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('partner_units_tenant_name_key').on(t.tenantId, t.name),
    check('partner_units_kind', inList('kind', ['enterprise', 'institution', 'social_org', 'individual_business', 'party_org'])),
    check('partner_units_membership', sql`${t.memberUntil} is null or ${t.memberSince} is null or ${t.memberUntil} >= ${t.memberSince}`),
    tenantIsolation('partner_units'),
  ],
).enableRLS();

/** A matter (议题) the community gathers: from a resident's wish, from staff, or from a partner unit. */
export const consultationMatters = pgTable(
  'consultation_matters',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    title: text('title').notNull(),
    description: text('description'),
    source: varchar('source', { length: 10 }).notNull(),
    partnerUnitId: uuid('partner_unit_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('consultation_matters_created_idx').on(t.tenantId, t.createdAt),
    foreignKey({ name: 'consultation_matters_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    check('consultation_matters_source', inList('source', ['wish', 'staff', 'unit'])),
    check('consultation_matters_unit_source', sql`(${t.source} = 'unit') = (${t.partnerUnitId} is not null)`),
    tenantIsolation('consultation_matters'),
  ],
).enableRLS();

/** The wishes a matter answers (one line from the resident's wish to the result). */
export const consultationMatterWishes = pgTable(
  'consultation_matter_wishes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    matterId: uuid('matter_id').notNull(),
    caseId: uuid('case_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.matterId, t.caseId] }),
    index('consultation_matter_wishes_case_idx').on(t.tenantId, t.caseId),
    foreignKey({ name: 'consultation_matter_wishes_matter_fk', columns: [t.tenantId, t.matterId], foreignColumns: [consultationMatters.tenantId, consultationMatters.id] }),
    foreignKey({ name: 'consultation_matter_wishes_case_fk', columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    tenantIsolation('consultation_matter_wishes'),
  ],
).enableRLS();

/** A consultation meeting (协商会议): topic, time, place or online link, capacity, chair, minutes. */
export const consultationMeetings = pgTable(
  'consultation_meetings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    topic: text('topic').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    place: text('place'),
    onlineUrl: text('online_url'),
    capacity: integer('capacity'),
    status: varchar('status', { length: 10 }).notNull().default('planned'),
    chairUserId: uuid('chair_user_id').references(() => users.id),
    minutes: text('minutes'),
    minutesState: varchar('minutes_state', { length: 10 }).notNull().default('none'),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true }),
    minutesApprovedBy: uuid('minutes_approved_by').references(() => users.id),
    /** The scan of the minutes as signed (a PDF, or a photo stripped of metadata), for staff only (decision 057). */
    minutesFileKey: varchar('minutes_file_key', { length: 200 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('consultation_meetings_starts_idx').on(t.tenantId, t.startsAt),
    check('consultation_meetings_status', inList('status', ['planned', 'held', 'closed', 'cancelled'])),
    check('consultation_meetings_minutes', inList('minutes_state', ['none', 'draft', 'approved'])),
    check('consultation_meetings_place', sql`${t.place} is not null or ${t.onlineUrl} is not null`),
    check('consultation_meetings_capacity', sql`${t.capacity} is null or ${t.capacity} > 0`),
    tenantIsolation('consultation_meetings'),
  ],
).enableRLS();

/**
 * Who is invited to a meeting and their seat: a partner unit (its representative), a residents' representative
 * (a person of the register), or staff. `voting` members make up 应到; `attendedAt` makes 实到 (by QR code or by
 * the list). `checkInHash`: SHA-256 of the participant's own check-in code (the code itself is only shown once, as a
 * QR). `showAttendance`: the person agreed that their attendance may be shown publicly.
 */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    kind: varchar('kind', { length: 10 }).notNull(),
    partnerUnitId: uuid('partner_unit_id'),
    residentId: uuid('resident_id'),
    userId: uuid('user_id').references(() => users.id),
    voting: boolean('voting').notNull().default(true),
    registration: varchar('registration', { length: 10 }).notNull().default('invited'),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    attendedBy: varchar('attended_by', { length: 6 }),
    checkInHash: varchar('check_in_hash', { length: 64 }),
    showAttendance: boolean('show_attendance').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('meeting_participants_meeting_idx').on(t.tenantId, t.meetingId, t.registration, t.registeredAt),
    uniqueIndex('meeting_participants_unit_key').on(t.tenantId, t.meetingId, t.partnerUnitId).where(sql`${t.partnerUnitId} is not null`),
    uniqueIndex('meeting_participants_resident_key').on(t.tenantId, t.meetingId, t.residentId).where(sql`${t.residentId} is not null`),
    uniqueIndex('meeting_participants_user_key').on(t.tenantId, t.meetingId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('meeting_participants_check_in_key').on(t.tenantId, t.checkInHash).where(sql`${t.checkInHash} is not null`),
    foreignKey({ name: 'meeting_participants_meeting_fk', columns: [t.tenantId, t.meetingId], foreignColumns: [consultationMeetings.tenantId, consultationMeetings.id] }),
    foreignKey({ name: 'meeting_participants_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    foreignKey({ name: 'meeting_participants_resident_fk', columns: [t.tenantId, t.residentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('meeting_participants_kind', inList('kind', ['unit', 'resident', 'staff'])),
    check('meeting_participants_registration', inList('registration', ['invited', 'registered', 'waitlisted', 'cancelled'])),
    check('meeting_participants_attended_by', sql`${t.attendedBy} is null or ${t.attendedBy} in ('qr', 'list')`),
    check(
      'meeting_participants_one_who',
      sql`(${t.kind} = 'unit' and ${t.partnerUnitId} is not null and ${t.residentId} is null and ${t.userId} is null)
       or (${t.kind} = 'resident' and ${t.residentId} is not null and ${t.partnerUnitId} is null and ${t.userId} is null)
       or (${t.kind} = 'staff' and ${t.userId} is not null and ${t.partnerUnitId} is null and ${t.residentId} is null)`,
    ),
    tenantIsolation('meeting_participants'),
  ],
).enableRLS();

/**
 * An agenda item: a matter on a meeting, its deliberation notes, the vote (show of hands as counts, or a secret
 * ballot with one-time codes), and the decision. `expectedAtVote`/`attendingAtVote` keep 应到/实到 as they were when
 * the outcome was recorded.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    meetingId: uuid('meeting_id').notNull(),
    matterId: uuid('matter_id').notNull(),
    position: smallint('position').notNull(),
    notes: text('notes'),
    voteMode: varchar('vote_mode', { length: 6 }).notNull().default('hands'),
    ballotOpen: boolean('ballot_open').notNull().default(false),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    expectedAtVote: integer('expected_at_vote'),
    attendingAtVote: integer('attending_at_vote'),
    outcome: varchar('outcome', { length: 10 }).notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('agenda_items_position_key').on(t.tenantId, t.meetingId, t.position),
    index('agenda_items_matter_idx').on(t.tenantId, t.matterId),
    foreignKey({ name: 'agenda_items_meeting_fk', columns: [t.tenantId, t.meetingId], foreignColumns: [consultationMeetings.tenantId, consultationMeetings.id] }),
    foreignKey({ name: 'agenda_items_matter_fk', columns: [t.tenantId, t.matterId], foreignColumns: [consultationMatters.tenantId, consultationMatters.id] }),
    check('agenda_items_vote_mode', inList('vote_mode', ['hands', 'secret'])),
    check('agenda_items_outcome', inList('outcome', ['pending', 'adopted', 'rejected', 'deferred'])),
    check('agenda_items_votes', sql`coalesce(${t.votesFor}, 0) >= 0 and coalesce(${t.votesAgainst}, 0) >= 0 and coalesce(${t.votesAbstain}, 0) >= 0`),
    tenantIsolation('agenda_items'),
  ],
).enableRLS();

/**
 * One-time codes of a secret ballot: only the code's hash, its item and whether it was used. No participant, no
 * time of use: nothing links a code (or a vote) to a person.
 */
export const ballotCodes = pgTable(
  'ballot_codes',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    agendaItemId: uuid('agenda_item_id').notNull(),
    used: boolean('used').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.codeHash] }),
    index('ballot_codes_item_idx').on(t.tenantId, t.agendaItemId),
    foreignKey({ name: 'ballot_codes_item_fk', columns: [t.tenantId, t.agendaItemId], foreignColumns: [agendaItems.tenantId, agendaItems.id] }),
    tenantIsolation('ballot_codes'),
  ],
).enableRLS();

/** Secret ballots cast: the choice only (no code, no person, no time). */
export const ballots = pgTable(
  'ballots',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    agendaItemId: uuid('agenda_item_id').notNull(),
    choice: varchar('choice', { length: 8 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('ballots_item_idx').on(t.tenantId, t.agendaItemId),
    foreignKey({ name: 'ballots_item_fk', columns: [t.tenantId, t.agendaItemId], foreignColumns: [agendaItems.tenantId, agendaItems.id] }),
    check('ballots_choice', inList('choice', ['for', 'against', 'abstain'])),
    tenantIsolation('ballots'),
  ],
).enableRLS();

/**
 * An adopted item's decision (决议): published for objections until `noticeEndsAt` (决议公开), then a project, done
 * when its action items are. `publicToken`: the unguessable part of its public page's address (link and QR).
 */
export const consultationDecisions = pgTable(
  'consultation_decisions',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    agendaItemId: uuid('agenda_item_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: varchar('status', { length: 12 }).notNull().default('notice'),
    publicToken: varchar('public_token', { length: 32 }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    noticeEndsAt: timestamp('notice_ends_at', { withTimezone: true }).notNull(),
    result: text('result'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('consultation_decisions_item_key').on(t.tenantId, t.agendaItemId),
    uniqueIndex('consultation_decisions_token_key').on(t.tenantId, t.publicToken),
    foreignKey({ name: 'consultation_decisions_item_fk', columns: [t.tenantId, t.agendaItemId], foreignColumns: [agendaItems.tenantId, agendaItems.id] }),
    check('consultation_decisions_status', inList('status', ['notice', 'in_progress', 'done'])),
    tenantIsolation('consultation_decisions'),
  ],
).enableRLS();

/** An objection to a published decision (the notice period's channel); anyone may write, no personal data kept. */
export const decisionObjections = pgTable(
  'decision_objections',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    decisionId: uuid('decision_id').notNull(),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('decision_objections_decision_idx').on(t.tenantId, t.decisionId),
    foreignKey({ name: 'decision_objections_decision_fk', columns: [t.tenantId, t.decisionId], foreignColumns: [consultationDecisions.tenantId, consultationDecisions.id] }),
    check('decision_objections_length', sql`char_length(${t.body}) between 1 and 500`),
    tenantIsolation('decision_objections'),
  ],
).enableRLS();

/**
 * An action item (行动项) of a decision, or a sub-item of one (`parentId`, with its `weight`). Owner: a staff
 * member, a team (named), a partner unit, or a department (an org unit). Due in working days on the calendar the
 * deadlines use (the deadline row is the subject 'action_item', decision 026). `reportedAt`: when the street was told
 * it is overdue (once).
 */
export const actionItems = pgTable(
  'action_items',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    decisionId: uuid('decision_id').notNull(),
    parentId: uuid('parent_id'),
    title: text('title').notNull(),
    ownerKind: varchar('owner_kind', { length: 14 }).notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    ownerPartnerUnitId: uuid('owner_partner_unit_id'),
    ownerOrgUnitId: uuid('owner_org_unit_id').references(() => orgUnits.id),
    ownerTeam: text('owner_team'),
    weight: smallint('weight').notNull().default(1),
    dueWorkingDays: smallint('due_working_days'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    progress: smallint('progress').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('action_items_decision_idx').on(t.tenantId, t.decisionId),
    index('action_items_unit_idx').on(t.tenantId, t.ownerPartnerUnitId),
    foreignKey({ name: 'action_items_decision_fk', columns: [t.tenantId, t.decisionId], foreignColumns: [consultationDecisions.tenantId, consultationDecisions.id] }),
    foreignKey({ name: 'action_items_parent_fk', columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ name: 'action_items_unit_fk', columns: [t.tenantId, t.ownerPartnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    check('action_items_owner_kind', inList('owner_kind', ['staff', 'team', 'partner_unit', 'department'])),
    check(
      'action_items_owner',
      sql`(${t.ownerKind} = 'staff' and ${t.ownerUserId} is not null) or (${t.ownerKind} = 'team' and ${t.ownerTeam} is not null)
       or (${t.ownerKind} = 'partner_unit' and ${t.ownerPartnerUnitId} is not null) or (${t.ownerKind} = 'department' and ${t.ownerOrgUnitId} is not null)`,
    ),
    check('action_items_progress', sql`${t.progress} between 0 and 100`),
    check('action_items_weight', sql`${t.weight} between 1 and 100`),
    tenantIsolation('action_items'),
  ],
).enableRLS();

/** Progress reports of an action item: percent and a note (photos optional, never required: POLICY.md 减负). */
export const actionItemUpdates = pgTable(
  'action_item_updates',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    actionItemId: uuid('action_item_id').notNull(),
    progress: smallint('progress').notNull(),
    note: text('note'),
    /** A photo of the work at this point (stored stripped of metadata; staff see it on the decision's page). */
    photoKey: varchar('photo_key', { length: 200 }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('action_item_updates_item_idx').on(t.tenantId, t.actionItemId, t.createdAt),
    foreignKey({ name: 'action_item_updates_item_fk', columns: [t.tenantId, t.actionItemId], foreignColumns: [actionItems.tenantId, actionItems.id] }),
    check('action_item_updates_progress', sql`${t.progress} between 0 and 100`),
    tenantIsolation('action_item_updates'),
  ],
).enableRLS();

/**
 * A service post (服务岗位) the community publishes: what, for whom, where, when (recurrence: `weekly:<1-7>` or
 * `monthly:<n>:<1-7>`, the n-th weekday of each month, 7 = Sunday; at `startTime` for `durationMinutes`),
 * capacity, and `keywords` that surface it for a matching wish (居民点单、社区派单、单位接单).
 */
export const servicePosts = pgTable(
  'service_posts',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    title: text('title').notNull(),
    description: text('description'),
    audience: text('audience'),
    place: text('place'),
    recurrence: varchar('recurrence', { length: 20 }).notNull(),
    startTime: varchar('start_time', { length: 5 }).notNull(),
    durationMinutes: smallint('duration_minutes').notNull().default(120),
    capacity: integer('capacity'),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    /** The post's leader (负责人), a person of the register; required, and a current party member, when `requiresPartyLeader`. */
    leaderResidentId: uuid('leader_resident_id'),
    /** The community asks for a party member as the post's leader (党员先锋岗, issue 16's party section). */
    requiresPartyLeader: boolean('requires_party_leader').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: 'service_posts_leader_fk', columns: [t.tenantId, t.leaderResidentId], foreignColumns: [residents.tenantId, residents.id] }),
    check('service_posts_party_leader', sql`not ${t.requiresPartyLeader} or ${t.leaderResidentId} is not null`),
    check('service_posts_recurrence', sql`${t.recurrence} ~ '^(weekly:[1-7]|monthly:[1-5]:[1-7])$'`),
    check('service_posts_start_time', sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    tenantIsolation('service_posts'),
  ],
).enableRLS();

/** A partner unit's claim (认领) of a post, from a day (and until one, when it stops). */
export const servicePostClaims = pgTable(
  'service_post_claims',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    postId: uuid('post_id').notNull(),
    partnerUnitId: uuid('partner_unit_id').notNull(),
    claimedOn: date('claimed_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('service_post_claims_active_key').on(t.tenantId, t.postId, t.partnerUnitId).where(sql`${t.endedOn} is null`),
    index('service_post_claims_unit_idx').on(t.tenantId, t.partnerUnitId),
    foreignKey({ name: 'service_post_claims_post_fk', columns: [t.tenantId, t.postId], foreignColumns: [servicePosts.tenantId, servicePosts.id] }),
    foreignKey({ name: 'service_post_claims_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    tenantIsolation('service_post_claims'),
  ],
).enableRLS();

/**
 * One occurrence of a claimed post: promised (scheduled), delivered (checked in), missed, or cancelled by the
 * community. `checkInHash`: SHA-256 of its check-in code (QR), `peopleServed` counted on the day.
 */
export const serviceOccurrences = pgTable(
  'service_occurrences',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    postId: uuid('post_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    partnerUnitId: uuid('partner_unit_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('scheduled'),
    checkInHash: varchar('check_in_hash', { length: 64 }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    peopleServed: integer('people_served'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('service_occurrences_slot_key').on(t.tenantId, t.claimId, t.startsAt),
    uniqueIndex('service_occurrences_check_in_key').on(t.tenantId, t.checkInHash).where(sql`${t.checkInHash} is not null`),
    index('service_occurrences_unit_idx').on(t.tenantId, t.partnerUnitId, t.startsAt),
    foreignKey({ name: 'service_occurrences_post_fk', columns: [t.tenantId, t.postId], foreignColumns: [servicePosts.tenantId, servicePosts.id] }),
    foreignKey({ name: 'service_occurrences_claim_fk', columns: [t.tenantId, t.claimId], foreignColumns: [servicePostClaims.tenantId, servicePostClaims.id] }),
    foreignKey({ name: 'service_occurrences_unit_fk', columns: [t.tenantId, t.partnerUnitId], foreignColumns: [partnerUnits.tenantId, partnerUnits.id] }),
    check('service_occurrences_status', inList('status', ['scheduled', 'delivered', 'missed', 'cancelled'])),
    check('service_occurrences_served', sql`${t.peopleServed} is null or ${t.peopleServed} >= 0`),
    tenantIsolation('service_occurrences'),
  ],
).enableRLS();

/** A resident's rating of an occurrence (1–5 stars), anonymous. */
export const serviceRatings = pgTable(
  'service_ratings',
  {
    tenantId: tenantId().references(() => orgUnits.id),
    id: id(),
    occurrenceId: uuid('occurrence_id').notNull(),
    stars: smallint('stars').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('service_ratings_occurrence_idx').on(t.tenantId, t.occurrenceId),
    foreignKey({ name: 'service_ratings_occurrence_fk', columns: [t.tenantId, t.occurrenceId], foreignColumns: [serviceOccurrences.tenantId, serviceOccurrences.id] }),
    check('service_ratings_stars', sql`${t.stars} between 1 and 5`),
    tenantIsolation('service_ratings'),
  ],
).enableRLS();
