import { and, asc, eq } from 'drizzle-orm';
import { cleanText } from '@shequ/domain';
import { communitySettings, replyTemplates, type Tx } from '@shequ/db';
import { type AppAbility, assertCan, subject } from '@shequ/permissions';
import { UseCaseError } from '../errors.ts';

// The community's reusable public replies, and its own settings. Staff read templates; admins manage them.

export function listReplyTemplates(tx: Tx, tenantId: string) {
  return tx.select({ id: replyTemplates.id, title: replyTemplates.title, body: replyTemplates.body }).from(replyTemplates).where(eq(replyTemplates.tenantId, tenantId)).orderBy(asc(replyTemplates.title));
}

export async function addReplyTemplate(tx: Tx, ability: AppAbility, tenantId: string, input: { title: string; body: string }) {
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  const title = cleanText(input.title ?? '');
  const body = cleanText(input.body ?? '');
  if (!title || Array.from(title).length > 40) throw new UseCaseError('settings.templateTitle.invalid', { field: 'title' });
  if (!body || Array.from(body).length > 2000) throw new UseCaseError('settings.templateBody.invalid', { field: 'body' });
  const inserted = await tx.insert(replyTemplates).values({ tenantId, title, body }).onConflictDoNothing().returning();
  if (!inserted[0]) throw new UseCaseError('settings.templateTitle.taken', { field: 'title' });
  return inserted[0];
}

/** Removes one of the community's reply templates; another community's (or an unknown) id: 'settings.notFound'. */
export async function removeReplyTemplate(tx: Tx, ability: AppAbility, tenantId: string, templateId: string) {
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  const removed = await tx.delete(replyTemplates).where(and(eq(replyTemplates.tenantId, tenantId), eq(replyTemplates.id, templateId))).returning({ id: replyTemplates.id });
  if (removed.length === 0) throw new UseCaseError('settings.notFound');
}

export async function getCommunitySettings(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(communitySettings).where(eq(communitySettings.tenantId, tenantId));
  return { unratedCloseDays: row?.unratedCloseDays ?? 7 };
}

export async function updateCommunitySettings(tx: Tx, ability: AppAbility, tenantId: string, input: { unratedCloseDays: number }) {
  assertCan(ability, 'manage', subject('Settings', { tenantId }));
  if (!Number.isInteger(input.unratedCloseDays) || input.unratedCloseDays < 1 || input.unratedCloseDays > 60) {
    throw new UseCaseError('settings.unratedCloseDays.invalid', { field: 'unratedCloseDays' });
  }
  await tx
    .insert(communitySettings)
    .values({ tenantId, unratedCloseDays: input.unratedCloseDays })
    .onConflictDoUpdate({ target: communitySettings.tenantId, set: { unratedCloseDays: input.unratedCloseDays } });
}
