import { and, eq, inArray } from 'drizzle-orm';
import { fillTemplate, type NotificationKind, type Role } from '@shequ/domain';
import { memberships, notifications, notificationSettings, outbox, type Tx, users } from '@shequ/db';
import { resources } from '@shequ/i18n';
import type { PersonalDataCipher } from '../security/personal-data.ts';

export type NotifyData = Record<string, string | number | null>;

// Messages leave the platform in Chinese (the recipients are Chinese offices and residents).
const words = resources['zh-CN'].translation.notify;
/** Reasons for not accepting a wish, as residents read them (in the message's language). */
export const REJECT_REASON_WORDS = resources['zh-CN'].translation.resident.rejectReasons;
/**
 * The subject and body of a message, from the same template (and the same filler) the bell shows in-app. Kinds are
 * data (decision 026): a feature adding a kind adds its texts under `notify.<kind>` in the i18n resources; a kind
 * without texts is refused here.
 */
export function notificationText(kind: NotificationKind | (string & {}), data: NotifyData) {
  const w = (words as Record<string, { subject: string; body: string } | undefined>)[kind];
  if (!w) throw new Error(`notification kind '${kind}' has no texts (notify.${kind} in @shequ/i18n)`);
  return { subject: fillTemplate(w.subject, data), body: fillTemplate(w.body, data) };
}

/** Users holding any of `roles` in an org unit (a community, street, department or district). */
export async function usersWithRole(tx: Tx, orgUnitId: string, roles: Role[]): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgUnitId, orgUnitId), inArray(memberships.role, roles)));
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * Notifies staff: an in-app notification each, and a message on every outside channel they chose (email by
 * default), written to the outbox in the caller's transaction, so they exist exactly when the change does.
 * Input: the kind, the users, the community the news is about (`communityId`), and what in it: `subject` (any
 * registered subject type) or `caseId` (short for a case). Returns how many users were notified.
 */
export async function notifyUsers(
  tx: Tx,
  input: { kind: NotificationKind | (string & {}); userIds: string[]; communityId: string; caseId?: string | null; subject?: { type: string; id: string } | null; data: NotifyData; exceptUserId?: string | null },
) {
  const userIds = [...new Set(input.userIds)].filter((u) => u !== input.exceptUserId);
  if (!userIds.length) return 0;
  const about = input.subject ?? (input.caseId ? { type: 'case', id: input.caseId } : null);
  await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: input.kind, communityId: input.communityId, subjectType: about?.type ?? null, subjectId: about?.id ?? null, data: input.data })));
  const people = await tx
    .select({ id: users.id, email: users.email, mobile: users.mobile, channels: notificationSettings.channels })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(inArray(users.id, userIds));
  const { subject, body } = notificationText(input.kind, input.data);
  const messages = people.flatMap((p) => {
    const channels = p.channels ?? ['email'];
    const out: (typeof outbox.$inferInsert)[] = [];
    if (channels.includes('email') && p.email) out.push({ tenantId: input.communityId, channel: 'email', kind: input.kind, userId: p.id, recipient: p.email, subject, body });
    if (channels.includes('sms') && p.mobile) out.push({ tenantId: input.communityId, channel: 'sms', kind: input.kind, userId: p.id, recipient: p.mobile, subject, body, params: messageParams(input.data) });
    if (channels.includes('wechat')) out.push({ tenantId: input.communityId, channel: 'wechat', kind: input.kind, userId: p.id, recipient: `user:${p.id}`, subject, body });
    return out;
  });
  if (messages.length) await tx.insert(outbox).values(messages);
  return userIds.length;
}

/**
 * Tells a resident who left a number (SMS channel). The number stays sealed in the outbox; the delivery step
 * opens it just before sending.
 */
export async function notifyResident(tx: Tx, input: { kind: 'case_replied' | 'case_closed' | 'case_merged' | 'case_question' | 'case_rejected' | 'wish_decided' | 'wish_result'; communityId: string; reporterMobileEnc: string | null; data: NotifyData }) {
  if (!input.reporterMobileEnc) return 0;
  const { subject, body } = notificationText(input.kind, input.data);
  await tx.insert(outbox).values({ tenantId: input.communityId, channel: 'sms', kind: input.kind, recipient: `sealed:${input.reporterMobileEnc}`, subject, body, params: messageParams(input.data) });
  return 1;
}

/**
 * A text message's template variables (decision 042): the facts its text was written from, every value a string
 * (null as ''), as the JSON the outbox keeps in `params`. An SMS gateway sends only approved templates filled with
 * these; the development folder ignores them. With `cipher` (a message carrying a code) the JSON is sealed like the
 * body, opened by `openRecipient` at delivery.
 */
export function messageParams(data: NotifyData, cipher?: PersonalDataCipher): string {
  const json = JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v == null ? '' : String(v)])));
  return cipher ? `sealed:${cipher.encrypt(json)}` : json;
}

/** A recipient (or body) as the transport needs it: sealed residents' numbers (and sealed bodies: reset codes) opened. */
export function openRecipient(recipient: string, cipher: PersonalDataCipher): string {
  return recipient.startsWith('sealed:') ? cipher.decrypt(recipient.slice('sealed:'.length)) : recipient;
}
