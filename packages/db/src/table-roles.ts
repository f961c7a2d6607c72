/**
 * Every table of the schema, in one place: how it would be laid out under Citus (decision 006, 020) and whether
 * row-level security guards it (decisions 001, 019). The catalog tests (packages/db/test/catalog.int.test.ts) read
 * this list and PostgreSQL's catalog, and fail for a table missing here, for a table that is neither under forced
 * RLS with a policy nor a reference table listed below with its reason, and for keys that break Citus' rules.
 * infra/citus/distribute.sql is generated from it (`pnpm --filter @shequ/db citus:sql`).
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type CitusRole =
  /** Sharded by this column: every primary and unique key includes it; foreign keys to other distributed tables include it on both sides. */
  | { distributed: string; why?: string }
  /** Copied to every node: small, read everywhere; it may only reference other reference tables. */
  | { reference: true; why?: string }
  /** Stays on the coordinator (nothing today). */
  | { local: true; why: string };

export type TableRole = {
  citus: CitusRole;
  /**
   * 'forced': RLS enabled and forced, with policies keyed on the transaction's scope. Otherwise the reason the table
   * holds nothing private and may be read by anyone (it must also be a Citus reference table).
   */
  rls: 'forced' | { openBecause: string } | { pending: string };
  /** Keys not yet shaped for the declared distribution (the catalog test reports them until they are). */
  keysPending?: string;
};

const byCommunity = (column = 'tenant_id'): CitusRole => ({ distributed: column });

export const TABLE_ROLES: Record<string, TableRole> = {
  // The hierarchy and the calendar: names, codes and dates the whole platform shares; nothing private.
  org_units: { citus: { reference: true }, rls: { openBecause: 'the hierarchy: names, administrative codes, slugs and public profile figures of districts, streets, departments and communities' } },
  org_unit_moves: { citus: { reference: true }, rls: { openBecause: 'the hierarchy’s history: which community moved from which street to which, and when' } },
  calendars: { citus: { reference: true }, rls: { openBecause: 'the official working calendar (public holidays and make-up workdays)' } },

  // Accounts: shared by every node (a person works for several units), each row guarded by RLS: a scope sees its own
  // people and the offices around it; sign-in and the account rules use named paths (decision 019, migration 0027).
  users: { citus: { reference: true, why: 'one account works for several communities and units' }, rls: 'forced' },
  user_passwords: { citus: { reference: true, why: 'read with users at sign-in, before any community is known' }, rls: 'forced' },
  memberships: { citus: { reference: true, why: 'read with users on every request' }, rls: 'forced' },
  sessions: { citus: { reference: true, why: 'keyed by the token hash, looked up before the community is known' }, rls: 'forced' },
  auth_tokens: { citus: { reference: true, why: 'keyed by the token hash, looked up before the community is known' }, rls: 'forced' },
  password_reset_codes: { citus: { reference: true, why: 'keyed by the mobile typed, looked up before any account or community is known' }, rls: 'forced' },
  invitations: { citus: { reference: true, why: 'a role offered to a person in any unit, read with users and memberships (decision 029)' }, rls: 'forced' },
  notification_settings: { citus: { distributed: 'user_id', why: 'a person’s own settings, read with their notifications' }, rls: 'forced' },

  // Platform configuration of units above a community: small, read by every community below them.
  sla_policies: { citus: { reference: true, why: 'a district’s defaults apply to all its communities' }, rls: 'forced' },
  score_weights: { citus: { reference: true, why: 'a district’s weights apply to all its communities' }, rls: 'forced' },
  onboarding_imports: { citus: { reference: true, why: 'an import creates communities: it belongs to none' }, rls: 'forced' },

  // A community's own data: sharded by community, so a community's rows and joins stay on one node.
  categories: { citus: byCommunity(), rls: 'forced' },
  grids: { citus: byCommunity(), rls: 'forced' },
  buildings: { citus: byCommunity(), rls: 'forced' },
  audit_events: { citus: byCommunity(), rls: 'forced' },
  qr_codes: { citus: byCommunity(), rls: 'forced' },
  cases: { citus: byCommunity(), rls: 'forced' },
  case_events: { citus: byCommunity(), rls: 'forced' },
  case_photos: { citus: byCommunity(), rls: 'forced' },
  reply_templates: { citus: byCommunity(), rls: 'forced' },
  community_settings: { citus: byCommunity(), rls: 'forced' },
  // The residents' register (decision 034): personal data, the community's own.
  residents: { citus: byCommunity(), rls: 'forced' },
  resident_tags: { citus: byCommunity(), rls: 'forced' },
  resident_tag_links: { citus: byCommunity(), rls: 'forced' },
  resident_links: { citus: byCommunity(), rls: 'forced' },
  resident_consents: { citus: byCommunity(), rls: 'forced' },
  // Meal help at the elderly service station (decision 038): the community's own.
  meal_dishes: { citus: byCommunity(), rls: 'forced' },
  meal_sittings: { citus: byCommunity(), rls: 'forced' },
  meal_menus: { citus: byCommunity(), rls: 'forced' },
  meal_menu_dishes: { citus: byCommunity(), rls: 'forced' },
  meal_subsidy_rules: { citus: byCommunity(), rls: 'forced' },
  meal_bookings: { citus: byCommunity(), rls: 'forced' },
  // The senior school (issue 19, decision 043): the community's own.
  school_terms: { citus: byCommunity(), rls: 'forced' },
  school_courses: { citus: byCommunity(), rls: 'forced' },
  school_enrolments: { citus: byCommunity(), rls: 'forced' },
  school_attendance: { citus: byCommunity(), rls: 'forced' },
  // Bookings for the station's services (issue 19, decision 044): the community's own.
  elder_services: { citus: byCommunity(), rls: 'forced' },
  elder_service_slots: { citus: byCommunity(), rls: 'forced' },
  elder_service_subsidy_rules: { citus: byCommunity(), rls: 'forced' },
  elder_service_bookings: { citus: byCommunity(), rls: 'forced' },
  ability_assessments: { citus: byCommunity(), rls: 'forced' },
  // The co-governance committee (issue 18, decision 037): partner units, meetings, decisions, action items, posts.
  cogovernance_settings: { citus: byCommunity(), rls: 'forced' },
  partner_units: { citus: byCommunity(), rls: 'forced' },
  consultation_matters: { citus: byCommunity(), rls: 'forced' },
  consultation_matter_wishes: { citus: byCommunity(), rls: 'forced' },
  consultation_meetings: { citus: byCommunity(), rls: 'forced' },
  meeting_participants: { citus: byCommunity(), rls: 'forced' },
  agenda_items: { citus: byCommunity(), rls: 'forced' },
  ballot_codes: { citus: byCommunity(), rls: 'forced' },
  ballots: { citus: byCommunity(), rls: 'forced' },
  consultation_decisions: { citus: byCommunity(), rls: 'forced' },
  decision_objections: { citus: byCommunity(), rls: 'forced' },
  action_items: { citus: byCommunity(), rls: 'forced' },
  action_item_updates: { citus: byCommunity(), rls: 'forced' },
  service_posts: { citus: byCommunity(), rls: 'forced' },
  service_post_claims: { citus: byCommunity(), rls: 'forced' },
  service_occurrences: { citus: byCommunity(), rls: 'forced' },
  service_ratings: { citus: byCommunity(), rls: 'forced' },
  // Residents' own way in (decision 035): codes, pending sign-ups and sessions, each in its community.
  resident_sign_in_codes: { citus: byCommunity(), rls: 'forced' },
  resident_sign_ups: { citus: byCommunity(), rls: 'forced' },
  resident_sessions: { citus: byCommunity(), rls: 'forced' },
  // Visiting care (decision 039): the community's care roster, its rules, windows and visits.
  care_rule_sets: { citus: byCommunity(), rls: 'forced' },
  care_recipients: { citus: byCommunity(), rls: 'forced' },
  care_events: { citus: byCommunity(), rls: 'forced' },
  care_periods: { citus: byCommunity(), rls: 'forced' },
  care_windows: { citus: byCommunity(), rls: 'forced' },
  care_visits: { citus: byCommunity(), rls: 'forced' },
  care_handovers: { citus: byCommunity(), rls: 'forced' },
  care_offline_edits: { citus: byCommunity(), rls: 'forced' },
  // Volunteer service (decision 036): the community's own; the hour ledger and its approvals are append-only.
  volunteer_settings: { citus: byCommunity(), rls: 'forced' },
  volunteer_teams: { citus: byCommunity(), rls: 'forced' },
  volunteers: { citus: byCommunity(), rls: 'forced' },
  volunteer_trainings: { citus: byCommunity(), rls: 'forced' },
  volunteer_team_members: { citus: byCommunity(), rls: 'forced' },
  volunteer_activities: { citus: byCommunity(), rls: 'forced' },
  volunteer_shifts: { citus: byCommunity(), rls: 'forced' },
  volunteer_signups: { citus: byCommunity(), rls: 'forced' },
  volunteer_hours: { citus: byCommunity(), rls: 'forced' },
  volunteer_hour_approvals: { citus: byCommunity(), rls: 'forced' },
  volunteer_certificates: { citus: byCommunity(), rls: 'forced' },
  volunteer_recognitions: { citus: byCommunity(), rls: 'forced' },
  wish_wall_items: { citus: byCommunity(), rls: 'forced' },
  wish_claims: { citus: byCommunity(), rls: 'forced' },
  // The community's party organisation (issue 16): 党总支 / 党支部 / 网格党小组 and members from the register.
  party_orgs: { citus: byCommunity(), rls: 'forced' },
  party_members: { citus: byCommunity(), rls: 'forced' },
  deadlines: { citus: byCommunity(), rls: 'forced' },
  case_holdings: { citus: byCommunity(), rls: 'forced' },
  outbox: {
    citus: { distributed: 'tenant_id', why: 'every message is about something in one community, and is written in that community’s transaction' },
    rls: 'forced',
  },
  case_rollups_daily: { citus: byCommunity('community_id'), rls: 'forced' },
  case_rollups_monthly: { citus: byCommunity('community_id'), rls: 'forced' },
  case_rollups_yearly: { citus: byCommunity('community_id'), rls: 'forced' },
  rollup_dirty: { citus: byCommunity('community_id'), rls: 'forced' },

  // A person's bell spans every community they work in and is read by person: sharded by user.
  notifications: {
    citus: { distributed: 'user_id', why: 'a person’s bell spans every community they work in and is read by person' },
    rls: 'forced',
  },
};

/** Table → the tables its foreign keys reference, from the Drizzle schema. */
export function schemaReferences(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    out.set(config.name, config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name));
  }
  return out;
}

/** Tables not yet under RLS, or whose keys are not yet shaped for Citus: each with why. The list may only shrink. */
export function pendingTables(roles: Record<string, TableRole> = TABLE_ROLES): { rls: string[]; keys: string[] } {
  const entries = Object.entries(roles);
  return {
    rls: entries.filter(([, r]) => typeof r.rls === 'object' && 'pending' in r.rls).map(([t]) => t).sort(),
    keys: entries.filter(([, r]) => r.keysPending).map(([t]) => t).sort(),
  };
}

/** The distribution column of a table, or null for reference/local tables. */
export function distributionColumn(role: TableRole): string | null {
  return 'distributed' in role.citus ? role.citus.distributed : null;
}

/**
 * The SQL that would lay the schema out under Citus, from TABLE_ROLES (infra/citus/distribute.sql is this output;
 * a unit test keeps the two equal). Reference tables first (distributed tables reference them), then the tables of
 * each distribution column, co-located with the first of their group, so joins and foreign keys stay on one node.
 */
export function citusSql(roles: Record<string, TableRole> = TABLE_ROLES, references: Map<string, string[]> = schemaReferences()): string {
  // A table is distributed after the tables it references (Citus refuses a foreign key to a table not yet distributed).
  const names: string[] = [];
  const visit = (t: string, path: string[] = []) => {
    if (names.includes(t) || path.includes(t) || !roles[t]) return;
    for (const r of references.get(t) ?? []) if (r !== t) visit(r, [...path, t]);
    names.push(t);
  };
  for (const t of Object.keys(roles).sort()) visit(t);
  const lines = ['-- Generated from packages/db/src/table-roles.ts (pnpm --filter @shequ/db citus:sql). See infra/citus/README.md.', 'BEGIN;'];
  for (const t of names) if ('reference' in roles[t]!.citus) lines.push(`SELECT create_reference_table('${t}');`);
  const groups = new Map<string, string[]>();
  for (const t of names) {
    const column = distributionColumn(roles[t]!);
    if (column) groups.set(column, [...(groups.get(column) ?? []), t]);
  }
  // Communities' tables form one co-location group whatever their column is called (tenant_id, community_id).
  const anchor = (column: string) => (column === 'user_id' ? 'user_id' : 'community');
  const anchors = new Map<string, string>();
  for (const [column, tables] of groups) {
    for (const t of tables) {
      const group = anchor(column);
      const first = anchors.get(group);
      if (!first) anchors.set(group, t);
      lines.push(`SELECT create_distributed_table('${t}', '${column}'${first ? `, colocate_with => '${first}'` : `, colocate_with => 'none'`});`);
    }
  }
  for (const t of names) if ('local' in roles[t]!.citus) lines.push(`-- ${t}: stays local (${(roles[t]!.citus as { why: string }).why})`);
  lines.push('COMMIT;', '');
  return lines.join('\n');
}
