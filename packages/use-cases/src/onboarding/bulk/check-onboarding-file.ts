import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { checkOnboardingRecord, codeIsWithin, suggestSlug } from '@shequ/domain';
import { type ImportRow, onboardingImports, orgUnits, type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import type { StaffCaller } from '../../caller.ts';
import { readOnboardingFile } from './read-file.ts';

/**
 * The dry run of a bulk onboarding file: reads it, checks every row against the file itself and the platform
 * (district and street by name, codes, names and short URL names in use, the actor's reach), and keeps the
 * checked rows for the import. Nothing is created here. Rows already on the platform (same code, street and
 * name) are not errors: the import skips them, which is what makes re-running a file safe. Input: the file's `name`
 * and `bytes`. Output: the import's id and its checked rows. Refuses: ForbiddenError unless the caller may onboard;
 * the file's own refusals (readOnboardingFile).
 */
export async function checkOnboardingFile(tx: Tx, { actor, ability }: StaffCaller, input: { name: string; bytes: Uint8Array }) {
  assertCan(ability, 'onboard', 'Community');
  const fileName = (input.name || 'import').slice(-120);
  const records = await readOnboardingFile(input.bytes, fileName);

  const units = await tx
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name, parentId: orgUnits.parentId, districtId: orgUnits.districtId, adminCode: orgUnits.adminCode })
    .from(orgUnits)
    .where(and(inArray(orgUnits.kind, ['district', 'street']), ne(orgUnits.status, 'archived')));
  const districtByName = new Map(units.filter((u) => u.kind === 'district').map((u) => [u.name, u]));
  const streetByKey = new Map(units.filter((u) => u.kind === 'street').map((u) => [`${u.parentId}/${u.name}`, u]));
  const communities = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, streetId: orgUnits.streetId, adminCode: orgUnits.adminCode, slug: orgUnits.slug })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'community'), isNotNull(orgUnits.slug)));
  const byCode = new Map(communities.filter((c) => c.adminCode).map((c) => [c.adminCode!, c]));
  const byStreetName = new Map(communities.map((c) => [`${c.streetId}/${c.name}`, c]));
  const slugsInUse = new Set(communities.map((c) => c.slug!));

  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  const rows: ImportRow[] = records.map(({ line, record }) => {
    const { value, reasons } = checkOnboardingRecord(record);
    const district = districtByName.get(value.district);
    const street = district ? streetByKey.get(`${district.id}/${value.street}`) : undefined;
    if (value.district && !district) reasons.push('districtUnknown');
    else if (district && value.street && !street) reasons.push('streetUnknown');
    if (street && !ability.can('onboard', subject('Community', { id: 'new', streetId: street.id, districtId: street.districtId! }))) reasons.push('outsideScope');

    let existingId: string | null = null;
    const codeOk = !['codeInvalid', 'codeMissing', 'codeScientific'].some((r) => reasons.includes(r));
    if (codeOk) {
      if (seenCodes.has(value.adminCode)) reasons.push('codeDuplicate');
      seenCodes.add(value.adminCode);
      if (street?.adminCode && !codeIsWithin(value.adminCode, street.adminCode)) reasons.push('codeOutside');
      const holder = byCode.get(value.adminCode);
      if (holder && street && holder.streetId === street.id && holder.name === value.community) existingId = holder.id;
      else if (holder) reasons.push('codeTaken');
    }
    if (street && value.community) {
      const key = `${street.id}/${value.community}`;
      if (seenNames.has(key)) reasons.push('communityDuplicate');
      seenNames.add(key);
      const sameName = byStreetName.get(key);
      if (sameName && sameName.id !== existingId) reasons.push('communityTaken');
    }

    let slug: string | null = null;
    if (existingId) slug = byCode.get(value.adminCode)!.slug;
    else if (value.slug && !reasons.includes('slugInvalid')) {
      if (slugsInUse.has(value.slug)) reasons.push('slugTaken');
      slug = value.slug;
    } else if (!value.slug) {
      // Suggested from the name; made unique with the code's community digits, then a counter.
      const base = suggestSlug(value.community) ?? `c${value.adminCode || line}`;
      const tail = /^\d{12}$/.test(value.adminCode) ? value.adminCode.slice(9) : String(line);
      slug = [base, `${base}-${tail}`].find((s) => !slugsInUse.has(s)) ?? null;
      for (let n = 2; !slug; n++) if (!slugsInUse.has(`${base}-${tail}-${n}`)) slug = `${base}-${tail}-${n}`;
    }
    if (slug && !existingId && reasons.length === 0) slugsInUse.add(slug);
    return {
      line,
      district: value.district,
      street: value.street,
      community: value.community,
      adminCode: value.adminCode,
      adminName: value.adminName,
      adminMobile: value.adminMobile,
      streetId: street?.id ?? null,
      slug,
      existingId,
      errors: [...new Set(reasons)],
    };
  });

  const scopeDistrictId = actor.workspace.role === 'district_officer' ? actor.workspace.orgUnitId : null;
  const [created] = await tx
    .insert(onboardingImports)
    .values({ createdBy: actor.userId, scopeDistrictId, fileName, rows, total: rows.length })
    .returning({ id: onboardingImports.id });
  return { importId: created!.id, rows };
}

/** Counts for the report: rows to create, rows already there, rows with errors. */
export function summariseImportRows(rows: ImportRow[]) {
  return {
    total: rows.length,
    toCreate: rows.filter((r) => !r.errors.length && !r.existingId).length,
    existing: rows.filter((r) => !r.errors.length && r.existingId).length,
    invalid: rows.filter((r) => r.errors.length).length,
  };
}
