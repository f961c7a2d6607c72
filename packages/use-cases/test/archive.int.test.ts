import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, categories, orgUnits, users, withTenant, withScope, withSystem, SYSTEM_SCOPES } from '@shequ/db';
import { type Actor, defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, archiveCommunity, exportCommunity, setCommunityStatus, submitCase } from '../src/index.ts';
import { listWorkspaces } from '../src/auth/workspaces.ts';
import { cleanPhoto, localPhotoStorage } from '../src/storage/index.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { refusal, seededDatabase } from './support.ts';

const seeded = seededDatabase();
const actorFor = (mobile: string) => seeded.actorFor(mobile);

let bihai: string;
const cipher = createPersonalDataCipher('ef'.repeat(32));
let deps: { cipher: typeof cipher; storage: ReturnType<typeof localPhotoStorage> };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function exportZip(actor: Actor, communityId: string) {
  const chunks: Uint8Array[] = [];
  const manifest = await exportCommunity(seeded.app, { actor, ability: defineAbilityFor(actor) }, { ...deps, communityId, write: (c) => chunks.push(c) });
  return { manifest, files: unzipSync(Buffer.concat(chunks)) };
}

beforeAll(async () => {
  deps = { cipher, storage: localPhotoStorage(mkdtempSync(path.join(tmpdir(), 'shequ-export-'))) };
  [{ id: bihai }] = (await seeded.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'bihai'))) as [{ id: string }];
  const [category] = await withTenant(seeded.owner, bihai, (tx) => tx.select().from(categories).limit(1));
  await submitCase(seeded.app, anonymousCaller(), { tenantId: bihai, categoryId: category!.id, content: '车棚顶漏雨 <b>急</b>', name: '王大妈', mobile: '13912345678', consent: true, photos: [PNG], channel: 'qr', deps });
});

describe('exporting and archiving a community', () => {
  it('exports every tenant table as JSON and CSV, the members, the photos and a manifest; only this community’s rows', async () => {
    const operator = await actorFor('13800000000');
    const { manifest, files } = await exportZip(operator, bihai);
    const names = Object.keys(files);
    for (const table of ['cases', 'case_events', 'case_photos', 'categories', 'grids', 'buildings', 'qr_codes', 'audit_events', 'community', 'members']) {
      expect(names).toContain(`tables/${table}.json`);
      expect(names).toContain(`tables/${table}.csv`);
    }
    const cases = JSON.parse(new TextDecoder().decode(files['tables/cases.json']!)) as Record<string, unknown>[];
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ tenant_id: bihai, reporter_name: '王大妈', reporter_mobile: '13912345678', content: '车棚顶漏雨 <b>急</b>' });
    expect(cases[0]).not.toHaveProperty('reporter_mobile_enc');
    const photos = names.filter((n) => n.startsWith('photos/'));
    expect(photos).toHaveLength(1);
    // The export carries the photo as stored: the cleaned image (cleanPhoto), not the upload's bytes.
    expect(Buffer.from(files[photos[0]!]!).equals(Buffer.from(await cleanPhoto(PNG, 'image/png')))).toBe(true);
    const csv = new TextDecoder().decode(files['tables/cases.csv']!);
    expect([...files['tables/cases.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    expect(csv).toContain('王大妈');
    const members = JSON.parse(new TextDecoder().decode(files['tables/members.json']!)) as Record<string, unknown>[];
    expect(members.length).toBeGreaterThan(0);
    expect(JSON.stringify(members)).not.toContain('argon2');
    expect(manifest.files.find((f) => f.name === 'tables/cases.json')).toMatchObject({ rows: 1 });
    // Issue 15: every time in the zip in China time and one format (it had UTC as ISO "…T…Z" from typed queries and
    // as PostgreSQL's "… +00" from raw ones). The case's created_at, read back as China time, is its instant.
    const caseRow = (await withTenant(seeded.owner, bihai, (tx) => tx.execute<{ created_at: Date | string }>(sql`select created_at from cases`)))[0]!;
    const createdChina = new Date(new Date(String(caseRow.created_at).replace(' ', 'T').replace(/\+00$/, 'Z')).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(cases[0]!.created_at).toBe(createdChina);
    expect(String(members[0]!.since)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    for (const name of names.filter((n) => n.startsWith('tables/'))) {
      const text = new TextDecoder().decode(files[name]!);
      expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
      expect(text, name).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}\b/);
    }
    expect(csv).toContain(createdChina);
    expect(manifest.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.parse(new TextDecoder().decode(files['manifest.json']!)).community.id).toBe(bihai);
    await withTenant(seeded.app, bihai, async (tx) => expect(await tx.select().from(auditEvents).where(eq(auditEvents.action, 'community_exported'))).toHaveLength(1));
    expect(await refusal(exportZip(await actorFor('13800000001'), bihai))).toBe('forbidden');
  });

  it('archives only a suspended community: staff lose their roles, residents lose the page, the cases stay', async () => {
    const operator = await actorFor('13800000000');
    const ability = defineAbilityFor(operator);
    const stored = { file: 'x.zip', bytes: 1, sha256: 'a'.repeat(64) };
    expect(await refusal(withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => archiveCommunity(tx, { actor: operator, ability }, { communityId: bihai, stored })))).toBe('community.archive.notSuspended');
    await withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => setCommunityStatus(tx, { actor: operator, ability }, { communityId: bihai, status: 'suspended' }));
    const staff = (await seeded.owner.select().from(users).where(eq(users.mobile, '13800000005')))[0]!;
    expect((await withScope(seeded.app, { userId: staff.id }, (tx) => listWorkspaces(tx, staff.id))).some((w) => w.tenantId === bihai)).toBe(true);
    const result = await withSystem(seeded.app, SYSTEM_SCOPES.maintenance, 'test', (tx) => archiveCommunity(tx, { actor: operator, ability }, { communityId: bihai, stored }));
    expect(result.membershipsRemoved).toBeGreaterThan(0);
    expect((await withScope(seeded.app, { userId: staff.id }, (tx) => listWorkspaces(tx, staff.id))).some((w) => w.tenantId === bihai)).toBe(false);
    expect((await seeded.owner.select().from(orgUnits).where(eq(orgUnits.id, bihai)))[0]!.status).toBe('archived');
    // The record stays: an export after archiving still has the case.
    const { files } = await exportZip(operator, bihai);
    expect(JSON.parse(new TextDecoder().decode(files['tables/cases.json']!))).toHaveLength(1);
    await withTenant(seeded.app, bihai, async (tx) => expect((await tx.select().from(auditEvents).where(eq(auditEvents.action, 'community_archived')))[0]!.detail).toMatchObject(stored));
  });
});
