import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { eq, sql } from 'drizzle-orm';
import { type Db, enterTenant, isUuid, memberships, users, withTenant } from '@shequ/db';
import type { StaffCaller } from '../caller.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { UseCaseError } from '../errors.ts';
import { communityToExport } from './community-to-export.ts';
import { csvValue, exportTime, toCsv } from '../export/csv.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import type { PhotoStorage } from '../storage/photo-storage.ts';

export type ExportDeps = { cipher: PersonalDataCipher; storage: PhotoStorage };
export type ExportManifest = {
  community: { id: string; name: string; slug: string | null; adminCode: string | null };
  exportedAt: string;
  /** How every time in the files is written. */
  times: string;
  containsPersonalData: true;
  files: { name: string; rows?: number; bytes: number; sha256: string }[];
};

// Sealed personal data is exported opened (the export exists to hand the records over), under these names.
// The register's (decision 034) too; its keyed hashes (blind indexes) mean nothing outside this key and stay as they are.
const OPENED: Record<string, string> = {
  reporter_name_enc: 'reporter_name',
  reporter_mobile_enc: 'reporter_mobile',
  name_enc: 'name',
  mobile_enc: 'mobile',
  id_number_enc: 'id_number',
};

/**
 * Writes a community's full record as a zip: every tenant-owned table (found in the catalog, so tables added later
 * are included without touching this) as JSON and as CSV, the community itself, its members (no password hashes),
 * every stored photo, and a manifest with row counts and checksums. Chunks go to `write` as they are made.
 * Recorded in the community's audit log. Operators only. Input: `communityId`, the personal-data `cipher` and the
 * photo `storage`, and `write`. Output: the manifest. Refuses as communityToExport does.
 */
export async function exportCommunity(db: Db, caller: StaffCaller, input: ExportDeps & { communityId: string; write: (chunk: Uint8Array) => void }, now = new Date()) {
  const { communityId, write, ...deps } = input;
  if (!isUuid(communityId)) throw new UseCaseError('community.notFound');
  return withTenant(db, communityId, async (tx) => {
    const community = await communityToExport(tx, caller, { communityId });

    const manifest: ExportManifest = {
      community: { id: community.id, name: community.name, slug: community.slug, adminCode: community.adminCode },
      exportedAt: String(exportTime(now)),
      times: 'China time (UTC+8), YYYY-MM-DD HH:mm:ss / 北京时间',
      containsPersonalData: true,
      files: [],
    };
    // fflate calls back with each compressed chunk; `finished` settles when the last one is out.
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
    const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const zip = new Zip((error, chunk, final) => {
      if (error) return settle.reject(error);
      write(chunk);
      if (final) settle.resolve();
    });
    const add = (name: string, bytes: Uint8Array, rows?: number, compress = true) => {
      const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      zip.add(entry);
      entry.push(bytes, true);
      manifest.files.push({ name, rows, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    };
    const encoder = new TextEncoder();
    const addTable = (name: string, raw: Record<string, unknown>[]) => {
      // Times arrive as Dates (typed queries) or as PostgreSQL's text (raw ones): both written in China time, one format.
      const rows = raw.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, exportTime(v)])));
      add(`tables/${name}.json`, encoder.encode(JSON.stringify(rows, null, 1)), rows.length);
      const columns = rows[0] ? Object.keys(rows[0]) : [];
      add(`tables/${name}.csv`, encoder.encode(toCsv([columns, ...rows.map((r) => columns.map((c) => csvValue(r[c])))])), rows.length);
    };
    addTable('community', [community as unknown as Record<string, unknown>]);
    const members = await tx
      .select({ membershipId: memberships.id, role: memberships.role, userId: users.id, displayName: users.displayName, mobile: users.mobile, email: users.email, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgUnitId, communityId));
    addTable('members', members);

    const tables = await tx.execute<{ table_name: string }>(sql`
      select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
      order by c.table_name`);
    let photoRows: Record<string, unknown>[] = [];
    for (const { table_name: table } of tables) {
      // Table names come from the catalog; RLS keeps every read inside this tenant.
      const rows = (await tx.execute<Record<string, unknown>>(sql`select * from ${sql.identifier(table)} order by 1, 2`)) as unknown as Record<string, unknown>[];
      const opened = rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(row)) {
          if (OPENED[key]) out[OPENED[key]] = typeof value === 'string' ? safeOpen(deps.cipher, value) : null;
          else out[key] = value;
        }
        return out;
      });
      if (table === 'case_photos') photoRows = opened;
      addTable(table, opened);
    }
    for (const photo of photoRows) {
      const bytes = await deps.storage.get(String(photo.storage_key));
      if (bytes) add(`photos/${String(photo.storage_key)}`, bytes, undefined, false);
    }
    add('manifest.json', encoder.encode(JSON.stringify(manifest, null, 1)));
    zip.end();
    await finished;
    await enterTenant(tx, communityId);
    await recordAuditEvent(tx, { tenantId: communityId, actorUserId: caller.actor.userId, action: 'community_exported', subjectType: 'Community', subjectId: communityId, detail: { files: manifest.files.length } });
    return manifest;
  });
}

// Sealed under another key: exported as unknown rather than failing the whole export.
const safeOpen = (cipher: PersonalDataCipher, sealed: string): string | null => openOr(cipher, sealed, null);
