/**
 * Org units in the order a tree is read: each unit, then the units under it, with how deep it sits (0 at the top).
 * Units whose parent is not in the list are not shown, as before.
 */
export function inTreeOrder<Unit extends { id: string; parentId: string | null }>(units: readonly Unit[]): { unit: Unit; depth: number }[] {
  const children = new Map<string | null, Unit[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const u of children.get(parentId) ?? []) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
