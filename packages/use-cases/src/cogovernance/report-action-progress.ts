import { and, asc, eq } from 'drizzle-orm';
import { chinaDateTime, clampPercent, PHOTO_MAX_BYTES, sniffImageType, weightedProgress } from '@shequ/domain';
import { actionItems, actionItemUpdates, agendaItems, consultationDecisions, consultationMatterWishes, type Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { resolveWishWith } from '../cases/answer-wish.ts';
import { settleDeadlines } from '../deadlines/store.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { cleanPhoto } from '../storage/clean-photo.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';
import { ACTION_ITEM_SUBJECT } from './action-item-subject.ts';
import { type ReportActionProgressFields, reportActionProgressSchema } from './consultation.schema.ts';
import { recordWishEvents } from './trace.ts';
import { consultationScope } from './shared.ts';

/**
 * Reports an action item's progress (percent and a note; photos are optional evidence, never required: POLICY.md,
 * 减负). An item with sub-items takes its progress from them (weighted) and is not reported directly. At 100 the
 * item is done and its deadlines are met; when every top-level item of the decision is done, the decision is done,
 * its `result` (if given) published (实施结果公开), and the wishes behind it get the result on their tracking page and
 * by message (反馈, 中办发〔2015〕41号) — once; those the caller may resolve are resolved (办结) with it
 * (resolveWishWith), so their residents can rate the answer.
 * All the decision's items are locked in id order before any deadline row (one lock order, decision 026).
 * Input: `actionItemId`, `progress` (0–100), `note`, `result` (the decision's result, for the last report), `photo`
 * (optional bytes, with `storage`: stripped of metadata and kept with this update; staff see it on the decision's
 * page), `now`. Output: `{ progress, decisionProgress, decisionDone, updateId }`.
 * Refuses: consultation.notFound; consultation.progress.invalid (an item with sub-items); consultation.progress.done
 * (the item is done: the page offers no form then); consultation.progress.unchanged (the same percent with no note,
 * result or photo); consultation.progress.lowerWhy (a lower percent without a note saying why, beside `note`); consultation.progress.inNotice (the decision's notice period has
 * not ended: `{ until }`, China time); intake.photos.tooLarge /
 * intake.photos.badType (beside `photo`); forbidden.
 */
export async function reportActionProgress(tx: Tx, caller: StaffCaller, input: ReportActionProgressFields & { photo?: Uint8Array | null; storage?: PhotoStorage; now?: Date }) {
  const tenantId = consultationScope(caller, 'update');
  const p = parseInput(reportActionProgressSchema, input);
  const now = input.now ?? new Date();
  const [found] = await tx.select({ decisionId: actionItems.decisionId }).from(actionItems).where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.id, p.actionItemId)));
  if (!found) throw new UseCaseError('consultation.notFound');
  const [decision] = await tx.select().from(consultationDecisions).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, found.decisionId))).for('update');
  const items = await tx.select().from(actionItems).where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.decisionId, found.decisionId))).orderBy(asc(actionItems.id)).for('update');
  const item = items.find((i) => i.id === p.actionItemId)!;
  // 四议两公开: the decision is made public for its notice period (objections may still change it) before it is carried
  // out; progress reported during the notice was a decision carried out before the public had its say (found from
  // outside). Planning its action items is allowed meanwhile.
  if (decision!.status === 'notice' && now.getTime() < decision!.noticeEndsAt.getTime())
    throw new UseCaseError('consultation.progress.inNotice', { field: 'progress', until: chinaDateTime(decision!.noticeEndsAt).slice(0, 16) });
  if (items.some((i) => i.parentId === item.id)) throw new UseCaseError('consultation.progress.invalid', { field: 'progress' });
  // Done is done (the page offers no form then): a report lowering a finished item showed 已完成 beside 总体进度 80 %
  // on the public page, after the residents had been told the result (found by an outside trial of issue 13).
  if (item.completedAt) throw new UseCaseError('consultation.progress.done', { field: 'progress' });

  const progress = clampPercent(p.progress);
  // A report that changes nothing is no report (it was recorded as 进度已更新 with a new line on the timeline), and
  // progress going back says why (60% → 10% went unexplained): found by issue 18's outside tester.
  if (progress === item.progress && !p.note && !p.result && !input.photo?.byteLength) throw new UseCaseError('consultation.progress.unchanged', { field: 'progress', progress });
  if (progress < item.progress && !p.note) throw new UseCaseError('consultation.progress.lowerWhy', { field: 'note', was: item.progress, progress });
  const [update] = await tx.insert(actionItemUpdates).values({ tenantId, actionItemId: item.id, progress, note: p.note ?? null, createdBy: caller.actor.userId, createdAt: now }).returning({ id: actionItemUpdates.id });
  if (input.photo?.byteLength) {
    if (input.photo.byteLength > PHOTO_MAX_BYTES) throw new UseCaseError('intake.photos.tooLarge', { field: 'photo', maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
    const mime = sniffImageType(input.photo.subarray(0, 16));
    if (!mime || !input.storage) throw new UseCaseError('intake.photos.badType', { field: 'photo' });
    const photoKey = `${tenantId}/progress-${update!.id}.${mime === 'image/jpeg' ? 'jpg' : mime === 'image/png' ? 'png' : 'webp'}`;
    await input.storage.put(photoKey, await cleanPhoto(input.photo, mime, 'photo'));
    await tx.update(actionItemUpdates).set({ photoKey }).where(and(eq(actionItemUpdates.tenantId, tenantId), eq(actionItemUpdates.id, update!.id)));
  }
  const setProgress = async (target: typeof item, value: number) => {
    const done = value >= 100;
    await tx
      .update(actionItems)
      .set({ progress: value, completedAt: done ? (target.completedAt ?? now) : null })
      .where(and(eq(actionItems.tenantId, tenantId), eq(actionItems.id, target.id)));
    if (done && !target.completedAt) await settleDeadlines(tx, { tenantId, type: ACTION_ITEM_SUBJECT, id: target.id }, ['due', 'report'], 'met', now);
    target.progress = value;
    target.completedAt = done ? (target.completedAt ?? now) : null;
  };
  await setProgress(item, progress);
  if (item.parentId) {
    const parent = items.find((i) => i.id === item.parentId)!;
    await setProgress(parent, weightedProgress(parent.progress, items.filter((i) => i.parentId === parent.id)));
  }
  const top = items.filter((i) => !i.parentId);
  const decisionProgress = top.length ? Math.floor(top.reduce((s, i) => s + i.progress, 0) / top.length) : 0;
  const decisionDone = top.length > 0 && top.every((i) => i.completedAt);
  if (decisionDone && decision!.status !== 'done') {
    await tx
      .update(consultationDecisions)
      .set({ status: 'done', completedAt: now, result: p.result ?? decision!.result })
      .where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decision!.id)));
    const [agenda] = await tx.select({ matterId: agendaItems.matterId }).from(agendaItems).where(and(eq(agendaItems.tenantId, tenantId), eq(agendaItems.id, decision!.agendaItemId)));
    const wishes = await tx.select({ caseId: consultationMatterWishes.caseId }).from(consultationMatterWishes).where(and(eq(consultationMatterWishes.tenantId, tenantId), eq(consultationMatterWishes.matterId, agenda!.matterId)));
    const resultEvent = {
      type: 'consultation_result' as const,
      data: { title: decision!.title, token: decision!.publicToken, ...(p.result ? { text: p.result } : {}) },
      now,
      actorUserId: caller.actor.userId,
    };
    // The wishes behind it are answered: resolved (办结) with the result in the caller's name, so their residents see
    // 已办结 and can rate it (the line ends in residents' satisfaction; the tracking page said 已提交 beside 结果已公开,
    // with no rating: found from outside). Their residents hear of it by the resolution's own message; a wish left
    // as it was (with the street, finished, or a caller who does not act on cases) gets the result's message.
    const result = p.result ?? decision!.result;
    const resolution = result ? `${decision!.title}：${result}` : decision!.title;
    const answered: string[] = [];
    const told: string[] = [];
    for (const { caseId } of wishes) ((await resolveWishWith(tx, caller, { tenantId, caseId }, resolution, now)) ? answered : told).push(caseId);
    await recordWishEvents(tx, tenantId, answered, resultEvent);
    await recordWishEvents(tx, tenantId, told, { ...resultEvent, message: 'wish_result' });
  } else if (decision!.status === 'notice' && now.getTime() >= decision!.noticeEndsAt.getTime()) {
    await tx.update(consultationDecisions).set({ status: 'in_progress' }).where(and(eq(consultationDecisions.tenantId, tenantId), eq(consultationDecisions.id, decision!.id)));
  }
  return { progress, decisionProgress, decisionDone, updateId: update!.id };
}
