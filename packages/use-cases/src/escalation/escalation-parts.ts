import { eq } from 'drizzle-orm';
import { orgUnits, type Tx } from '@shequ/db';

// Escalation (上报 → 转办 → 办理 → 审核) and the holder's other moves: what their use cases share (not exported from
// the package root). Each move is one lifecycle action through transitionCase; holder columns change with the
// status, and the timeline names the unit, never a person.

/** An org unit's place in the hierarchy (null for no id or an unknown one). */
export async function unitOf(tx: Tx, id: string | null) {
  if (!id) return null;
  const [u] = await tx.select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, parentId: orgUnits.parentId, streetId: orgUnits.streetId, districtId: orgUnits.districtId }).from(orgUnits).where(eq(orgUnits.id, id));
  return u ?? null;
}
