import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, createReadStream, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SYSTEM_SCOPES, type Tx, withScope } from '@shequ/db';
import { archiveCommunity, assertArchivable, communityToExport, exportCommunity, type StaffCaller } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { env } from '~/lib/env.server.ts';

// Community exports: streamed to the operator's browser on request, or written to disk when a community is archived.
const exportDir = env.EXPORT_DIR || path.join(path.dirname(env.PHOTO_STORAGE_DIR), 'exports');
const zipName = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-数据导出.zip`)}`;

/** Operators' maintenance scope (named, logged) for the export and archive steps. */
const maintenance = <T>(actorUserId: string, reason: string, fn: (tx: Tx) => Promise<T>) =>
  withScope(db, { userId: actorUserId, system: SYSTEM_SCOPES.maintenance, reason }, fn);

/** The stored export made when the community was archived, if any (the newest). */
function storedExport(communityId: string): string | null {
  const dir = path.join(exportDir, communityId);
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.zip')).sort();
  return files.length ? path.join(dir, files.at(-1)!) : null;
}

/**
 * A zip of the community's data as a download. Permission is checked before the first byte; the zip then streams
 * as it is made. An archived community's stored export is served as it was written.
 */
export async function exportResponse(caller: StaffCaller, communityId: string): Promise<Response> {
  const actorUserId = caller.actor.userId;
  const community = await maintenance(actorUserId, 'community export', (tx) => communityToExport(tx, caller, { communityId }));
  const headers = { 'Content-Type': 'application/zip', 'Content-Disposition': zipName(community.name), 'Cache-Control': 'private, no-store' };
  const stored = community.status === 'archived' ? storedExport(community.id) : null;
  if (stored) {
    return new Response(Readable.toWeb(createReadStream(stored)) as ReadableStream, { headers: { ...headers, 'Content-Length': String(statSync(stored).size) } });
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      exportCommunity(db, caller, { ...caseDeps, communityId: community.id, write: (chunk) => controller.enqueue(chunk) }).then(
        () => controller.close(),
        (error: unknown) => controller.error(error),
      );
    },
  });
  return new Response(stream, { headers });
}

/** Archive: the full export is written and checked on disk first, and only then is the community archived. */
export async function archiveWithExport(caller: StaffCaller, communityId: string) {
  const actorUserId = caller.actor.userId;
  await maintenance(actorUserId, 'archive community', (tx) => assertArchivable(tx, caller, { communityId }));
  const dir = path.join(exportDir, communityId);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.zip`);
  const fd = openSync(file, 'wx');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await exportCommunity(db, caller, {
      ...caseDeps,
      communityId,
      write: (chunk) => {
        writeSync(fd, chunk);
        hash.update(chunk);
        bytes += chunk.length;
      },
    });
  } finally {
    closeSync(fd);
  }
  return maintenance(actorUserId, 'archive community', (tx) => archiveCommunity(tx, caller, { communityId, stored: { file: path.relative(exportDir, file), bytes, sha256: hash.digest('hex') } }));
}
