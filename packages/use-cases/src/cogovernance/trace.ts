import { and, eq, inArray } from 'drizzle-orm';
import { formatTrackingCode } from '@shequ/domain';
import { caseEvents, cases, type Tx } from '@shequ/db';
import { notifyResident } from '../notifications/notify.ts';

// Traceability (issue 18): a wish that led to an agenda item shows its resident the meeting, the decision and the
// result on the tracking page (public case events, worded under resident.events.*) and by message (the reporter's
// sealed number, as other messages to residents). 中办发〔2015〕41号 (POLICY.md): outcomes are fed back (反馈).

type WishEvent = { type: 'consultation_scheduled' | 'consultation_decided' | 'consultation_result'; data: Record<string, string>; now: Date; actorUserId: string | null; message?: 'wish_decided' | 'wish_result' };

/** Writes the public line on each wish's timeline and, when asked, a message to its reporter (once per call). */
export async function recordWishEvents(tx: Tx, tenantId: string, caseIds: string[], e: WishEvent) {
  const ids = [...new Set(caseIds)];
  if (!ids.length) return 0;
  await tx.insert(caseEvents).values(
    ids.map((caseId) => ({ tenantId, caseId, at: e.now, actorKind: e.actorUserId ? 'staff' : 'system', actorUserId: e.actorUserId, type: e.type, public: true, body: e.data.text ?? null, data: { ...e.data, byLevel: 'community' } })),
  );
  if (e.message) {
    const rows = await tx.select({ code: cases.trackingCode, mobile: cases.reporterMobileEnc }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.id, ids)));
    for (const r of rows) await notifyResident(tx, { kind: e.message, communityId: tenantId, reporterMobileEnc: r.mobile, data: { code: formatTrackingCode(r.code), title: e.data.title ?? '' } });
  }
  return ids.length;
}
