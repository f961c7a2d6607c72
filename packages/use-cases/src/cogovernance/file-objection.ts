import { decisionObjections, type Tx } from '@shequ/db';
import type { Caller } from '../caller.ts';
import { UseCaseError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import { type FileObjectionFields, fileObjectionSchema } from './consultation.schema.ts';
import { decisionByToken } from './decision-rows.ts';

/**
 * An objection to a published decision, during its notice period (决议公开 with a channel for objections). Anyone may
 * write (no sign-in); nothing about the writer is kept. Input: `tenantId`, `token`, `body` (≤ 500), `now`.
 * Output: `{ id }`. Refuses: consultation.objection.invalid; consultation.notFound; consultation.notice.over.
 */
export async function fileObjection(tx: Tx, _caller: Caller, input: FileObjectionFields & { tenantId: string; token: string; now?: Date }) {
  const p = parseInput(fileObjectionSchema, input);
  const now = input.now ?? new Date();
  const d = await decisionByToken(tx, input.tenantId, input.token);
  if (now.getTime() >= d.noticeEndsAt.getTime()) throw new UseCaseError('consultation.notice.over');
  const [row] = await tx.insert(decisionObjections).values({ tenantId: input.tenantId, decisionId: d.id, body: p.body, createdAt: now }).returning({ id: decisionObjections.id });
  return { id: row!.id };
}
