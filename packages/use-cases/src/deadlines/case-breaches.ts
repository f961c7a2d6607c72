import { sql } from 'drizzle-orm';
import { allowedWorkingMs, chinaDate, cleanText, type DeadlinePlan, decide, formatTrackingCode, planDeadline } from '@shequ/domain';
import { newId, type Tx } from '@shequ/db';
import { slaPolicy, workingCalendar } from './policy.ts';
import type { DeadlineRow } from './store.ts';
import { markRollupsDirty } from '../dashboards/rollups.ts';
import { messageParams, type NotifyData, notificationText } from '../notifications/notify.ts';

/** The escalation note of an automatic breach (the same words as the one-by-one path). */
export const BREACH_ESCALATION_REASON = '超过办理时限，系统自动上报';
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

type Item = { subjectId: string; deadline: DeadlineRow };

/**
 * Breaches of many cases of one community in one go (decision 031): the holiday-morning burst's common case — an
 * accept or resolve limit passed while the community still holds the case — written with one statement per kind
 * of effect for the whole set, instead of ~30 statements per case. The effect on each case is the one-by-one
 * path's (case-subject.ts `breach` → escalateCase → transitionCase → afterTransition), row for row:
 * - the holders (office staff and the assignee) get a `breach` notice (in-app and their outside channels);
 * - the case is escalated to its community's street, marked overdue, its version bumped, an `escalate` event
 *   (public, automatic, with the reason) appended;
 * - its accept and resolve limits still running are cancelled, the street's limit starts (from the community's
 *   policy for the case's category, on the working calendar);
 * - the street's list entry (case_holdings) is written, the street officers get `case_escalated`;
 * - the dashboard days it counts on are marked stale.
 * Every case must be locked by the caller (the wake-up's lock order, decision 026) and given with its one deadline
 * of this batch, already marked breached. Cases this cannot write together (another status, another kind, a
 * community without a street, a refused transition) are handed to `one` (the one-by-one breach), unchanged.
 * A case whose version moved between the read and the write fails the whole transaction (the caller's batch then
 * falls back to one transaction per deadline).
 * Round trips: one statement reads everything the set needs (cases, community, street, recipients and their
 * channels, categories, resolve limits), one statement writes every effect (data-modifying CTEs); the stale days
 * go with the batch's end (deferred marks). Under a loaded machine each round trip costs a scheduling delay, so
 * their number, not the rows, sets the pace.
 */
export async function breachCasesTogether(tx: Tx, tenantId: string, items: Item[], now: Date, one: (item: Item) => Promise<void>) {
  const ids = items.map((i) => i.subjectId);
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  // 1. Everything the set needs, in one read (the cases are locked by the caller; the community read fresh, as
  // escalateCase does: it may have moved to another street).
  const [facts] = (await tx.execute(sql`
    with c as (
      select id, tracking_code, status, category_id, assignee_id, merged_into_id, reopen_count, awaiting_resident_since, rating,
             escalated_at, overdue_at, created_at, content, version
      from cases where tenant_id = ${tenantId} and id in (${idList})),
    community as (select name, street_id, district_id from org_units where id = ${tenantId}),
    office as (select distinct user_id from memberships where org_unit_id = ${tenantId} and role in ('community_admin', 'community_staff')),
    officers as (select distinct user_id from memberships where org_unit_id = (select street_id from community) and role = 'street_officer'),
    people as (select user_id from office union select user_id from officers union select assignee_id from c where assignee_id is not null)
    select
      (select coalesce(json_agg(c), '[]') from c) as cases,
      (select row_to_json(community) from community) as community,
      (select name from org_units where id = (select street_id from community)) as street_name,
      (select coalesce(json_agg(user_id order by user_id), '[]') from office) as office,
      (select coalesce(json_agg(user_id order by user_id), '[]') from officers) as officers,
      (select coalesce(json_agg(json_build_object('id', u.id, 'email', u.email, 'mobile', u.mobile, 'channels', s.channels)), '[]')
         from users u left join notification_settings s on s.user_id = u.id where u.id in (select user_id from people)) as people,
      (select coalesce(json_agg(json_build_object('id', id, 'name', name)), '[]') from categories where tenant_id = ${tenantId} and id in (select category_id from c)) as categories,
      (select coalesce(json_agg(json_build_object('caseId', subject_id, 'dueAt', due_at)), '[]') from deadlines
         where tenant_id = ${tenantId} and subject_type = 'case' and subject_id in (${idList}) and kind = 'resolve') as resolve_due`)) as unknown as [Facts];
  const byId = new Map(facts.cases.map((r) => [r.id, r]));
  const streetId = facts.community?.street_id ?? null;
  const together: { row: FactCase; deadline: DeadlineRow }[] = [];
  for (const item of items) {
    const row = byId.get(item.subjectId);
    const kind = item.deadline.kind;
    const plain =
      row &&
      streetId &&
      (kind === 'accept' || kind === 'resolve') &&
      (row.status === 'submitted' || row.status === 'accepted') &&
      !row.merged_into_id &&
      decide('escalate', 'system', { status: row.status, reopenCount: row.reopen_count, actorIsResponsible: false, awaitingResident: Boolean(row.awaiting_resident_since), rated: row.rating !== null }).ok;
    if (plain) together.push({ row, deadline: item.deadline });
    else await one(item);
  }
  if (!together.length || !streetId) return;
  const districtId = facts.community!.district_id;
  const communityName = facts.community!.name;
  const streetName = facts.street_name ?? '';
  const categoryNames = new Map(facts.categories.map((c) => [c.id, c.name]));
  const resolveDue = new Map(facts.resolve_due.map((d) => [d.caseId, new Date(d.dueAt)]));
  const people = new Map(facts.people.map((p) => [p.id, p]));
  const calendar = await workingCalendar(tx);
  const reason = cleanText(BREACH_ESCALATION_REASON);
  const nowIso = now.toISOString();

  // The street's limit: the same plan for every case of a category (it starts now, with the category's allowance).
  const plans = new Map<string, DeadlinePlan & { allowedMs: number }>();
  for (const name of new Set(together.map((t) => categoryNames.get(t.row.category_id) ?? ''))) {
    const policy = await slaPolicy(tx, tenantId, name);
    const allowedMs = allowedWorkingMs(policy, 'street');
    plans.set(name, { ...planDeadline(calendar, policy, now, allowedMs), allowedMs });
  }

  // Notices: the holders (office, assignee) hear of the breach, the street officers of the escalation; each user
  // once per notice, in-app and on each outside channel they chose (as notifyUsers writes them).
  const inApp: { id: string; user_id: string; kind: string; subject_id: string; data: NotifyData }[] = [];
  const messages: { id: string; channel: string; kind: string; user_id: string; recipient: string; subject: string; body: string; params?: string }[] = [];
  const notify = (kind: string, caseId: string, userIds: string[], data: NotifyData) => {
    const unique = [...new Set(userIds)];
    if (!unique.length) return;
    const { subject, body } = notificationText(kind, data);
    for (const userId of unique) {
      inApp.push({ id: newId(), user_id: userId, kind, subject_id: caseId, data });
      const p = people.get(userId);
      if (!p) continue;
      const channels = p.channels ?? ['email'];
      if (channels.includes('email') && p.email) messages.push({ id: newId(), channel: 'email', kind, user_id: p.id, recipient: p.email, subject, body });
      if (channels.includes('sms') && p.mobile) messages.push({ id: newId(), channel: 'sms', kind, user_id: p.id, recipient: p.mobile, subject, body, params: messageParams(data) });
      if (channels.includes('wechat')) messages.push({ id: newId(), channel: 'wechat', kind, user_id: p.id, recipient: `user:${p.id}`, subject, body });
    }
  };
  for (const { row, deadline } of together) {
    const data = { code: formatTrackingCode(row.tracking_code), community: communityName, due: chinaTime(deadline.dueAt), reason: '' };
    notify('breach', row.id, row.assignee_id ? [...facts.office, row.assignee_id] : facts.office, { ...data, escalated: '1', supervised: '' });
  }
  for (const { row } of together) notify('case_escalated', row.id, facts.officers, { code: formatTrackingCode(row.tracking_code), community: communityName, by: '', reason });

  const events = together.map(({ row }) => ({ id: newId(), case_id: row.id, data: { from: row.status, to: 'escalated', byLevel: 'system', byName: '', toName: streetName, note: reason, automatic: true } }));
  const versions = together.map(({ row }) => ({ id: row.id, version: row.version }));
  const streetRows = together.map(({ row }) => {
    const plan = plans.get(categoryNames.get(row.category_id) ?? '')!;
    return { id: newId(), case_id: row.id, allowed_ms: plan.allowedMs, due_at: plan.dueAt.toISOString(), remind_at: plan.remindAt.map((d) => d.toISOString()), wake_at: (plan.remindAt[0] ?? plan.dueAt).toISOString(), provisional: plan.provisional };
  });
  const holdings = together.map(({ row }) => {
    const plan = plans.get(categoryNames.get(row.category_id) ?? '')!;
    return {
      case_id: row.id,
      tracking_code: row.tracking_code,
      category_name: categoryNames.get(row.category_id) ?? '',
      summary: Array.from(row.content).slice(0, 100).join(''),
      escalated_at: row.escalated_at ?? nowIso,
      due_at: plan.dueAt.toISOString(),
    };
  });
  const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

  // 2. Every effect, in one statement (its parts touch different rows; the breached rows were moved before).
  const [written] = (await tx.execute(sql`
    with
    in_app as (
      insert into notifications (id, user_id, kind, community_id, subject_type, subject_id, data)
      select x.id, x.user_id, x.kind, ${tenantId}, 'case', x.subject_id, x.data
      from jsonb_to_recordset(${json(inApp)}) as x(id uuid, user_id uuid, kind text, subject_id uuid, data jsonb)
      returning 1),
    outgoing as (
      insert into outbox (id, tenant_id, channel, kind, user_id, recipient, subject, body, params)
      select x.id, ${tenantId}, x.channel::notification_channel, x.kind, x.user_id, x.recipient, x.subject, x.body, x.params
      from jsonb_to_recordset(${json(messages)}) as x(id uuid, channel text, kind text, user_id uuid, recipient text, subject text, body text, params text)
      returning 1),
    escalated as (
      update cases set
        status = 'escalated', holder_org_unit_id = ${streetId}, street_id = ${streetId}, district_id = ${districtId},
        escalated_at = coalesce(escalated_at, ${nowIso}::timestamptz), overdue_at = coalesce(overdue_at, ${nowIso}::timestamptz),
        version = version + 1, updated_at = ${nowIso}::timestamptz
      -- By key first: matched only on the recordset, PostgreSQL scanned every case of the community (it guesses a
      -- recordset holds 100 rows and hash-joins), 15 ms for one case among 300 and growing with the community.
      where tenant_id = ${tenantId} and id in (${idList})
        and (id, version) in (select x.id, x.version from jsonb_to_recordset(${json(versions)}) as x(id uuid, version int))
      returning id),
    timeline as (
      insert into case_events (tenant_id, id, case_id, at, actor_kind, actor_user_id, type, public, body, data)
      select ${tenantId}, x.id, x.case_id, ${nowIso}::timestamptz, 'system', null, 'escalate', true, null, x.data
      from jsonb_to_recordset(${json(events)}) as x(id uuid, case_id uuid, data jsonb)
      returning 1),
    settled as (
      update deadlines set state = 'cancelled', met_at = null, version = version + 1, updated_at = ${nowIso}::timestamptz
      where tenant_id = ${tenantId} and subject_type = 'case' and subject_id in (${idList}) and kind in ('accept', 'resolve') and state in ('running', 'paused')
      returning 1),
    started as (
      insert into deadlines (id, tenant_id, subject_type, subject_id, kind, holder_org_unit_id, state, version, started_at, allowed_ms, remaining_ms,
                             due_at, remind_at, wake_at, provisional, paused_at, met_at, breached_at)
      select x.id, ${tenantId}, 'case', x.case_id, 'street', ${streetId}, 'running', 1, ${nowIso}::timestamptz, x.allowed_ms, null,
             x.due_at, x.remind_at, x.wake_at, x.provisional, null, null, null
      from jsonb_to_recordset(${json(streetRows)}) as x(id uuid, case_id uuid, allowed_ms int, due_at timestamptz, remind_at jsonb, wake_at timestamptz, provisional boolean)
      on conflict (tenant_id, subject_type, subject_id, kind) do update set
        holder_org_unit_id = excluded.holder_org_unit_id, state = excluded.state, started_at = excluded.started_at, allowed_ms = excluded.allowed_ms,
        remaining_ms = excluded.remaining_ms, due_at = excluded.due_at, remind_at = excluded.remind_at, wake_at = excluded.wake_at,
        provisional = excluded.provisional, paused_at = excluded.paused_at, met_at = excluded.met_at, breached_at = excluded.breached_at,
        version = deadlines.version + 1
      returning 1),
    listed as (
      insert into case_holdings (tenant_id, case_id, street_id, district_id, holder_org_unit_id, co_holder_ids, status, tracking_code, category_name, summary, escalated_at, due_at, overdue)
      select ${tenantId}, x.case_id, ${streetId}, ${districtId}, ${streetId}, '{}', 'escalated', x.tracking_code, x.category_name, x.summary, x.escalated_at, x.due_at, true
      from jsonb_to_recordset(${json(holdings)}) as x(case_id uuid, tracking_code text, category_name text, summary text, escalated_at timestamptz, due_at timestamptz)
      on conflict (tenant_id, case_id) do update set
        street_id = excluded.street_id, district_id = excluded.district_id, holder_org_unit_id = excluded.holder_org_unit_id, co_holder_ids = excluded.co_holder_ids,
        status = excluded.status, tracking_code = excluded.tracking_code, category_name = excluded.category_name, summary = excluded.summary,
        escalated_at = excluded.escalated_at, due_at = excluded.due_at, overdue = excluded.overdue
      returning 1)
    select (select count(*) from escalated)::int as escalated, (select count(*) from timeline)::int as events, (select count(*) from started)::int as started,
           (select count(*) from listed)::int as listed, (select count(*) from in_app)::int as notices, (select count(*) from outgoing)::int as messages`)) as unknown as [
    { escalated: number; events: number; started: number; listed: number },
  ];
  // A case whose version moved since it was read (it cannot while locked, but the rule is the rule): undo it all.
  if (written.escalated !== together.length || written.started !== together.length || written.listed !== together.length) throw new Error(`case breach batch: ${together.length - written.escalated} cases changed during their breach`);

  // 3. The dashboards' days these cases count on (received, resolve due) are stale.
  const days = together.flatMap(({ row }) => {
    const due = resolveDue.get(row.id);
    return [chinaDate(new Date(row.created_at)), due ? chinaDate(due) : null];
  });
  await markRollupsDirty(tx, tenantId, days);
}

type FactCase = {
  id: string;
  tracking_code: string;
  status: string;
  category_id: string;
  assignee_id: string | null;
  merged_into_id: string | null;
  reopen_count: number;
  awaiting_resident_since: string | null;
  rating: number | null;
  escalated_at: string | null;
  overdue_at: string | null;
  created_at: string;
  content: string;
  version: number;
};
type Facts = {
  cases: FactCase[];
  community: { name: string; street_id: string | null; district_id: string | null } | null;
  street_name: string | null;
  office: string[];
  officers: string[];
  people: { id: string; email: string | null; mobile: string | null; channels: string[] | null }[];
  categories: { id: string; name: string }[];
  resolve_due: { caseId: string; dueAt: string }[];
};
