import { QR_STEP_MS, qrStep } from '@shequ/domain';
import type { Tx } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { parseInput } from '../parse-input.ts';
import { z } from '../zod.ts';
import { assertRunsTeam, communityOf, loadShift, shiftQrCode } from './shared.ts';

const schema = z.object({ shiftId: z.string().uuid() });

/**
 * The shift's QR code now, for the leader's phone: an HMAC of the shift id and the 30-second step under the shift's
 * own key (never sent anywhere), so a photo of the code is useless a minute later. The page renders
 * `{ shiftId, code }` as a QR image and asks again before `expiresAt`.
 * Input: shiftId, now. Output: `{ shiftId, code, step, expiresAt }`. Refuses: volunteer.shift.notFound (also a
 * shift of a team the caller does not run: volunteer.team.notFound).
 */
export async function getShiftQr(tx: Tx, caller: StaffCaller, input: { shiftId: string; now?: Date }) {
  const tenantId = communityOf(caller);
  const parsed = parseInput(schema, { shiftId: input.shiftId });
  const loaded = await loadShift(tx, tenantId, parsed.shiftId);
  assertRunsTeam(caller.ability, loaded.team);
  const now = input.now ?? new Date();
  const step = qrStep(now);
  return { shiftId: loaded.shift.id, code: shiftQrCode(loaded.shift.qrSecret, loaded.shift.id, step), step, expiresAt: new Date((step + 1) * QR_STEP_MS) };
}
