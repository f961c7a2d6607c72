import type { LoaderFunctionArgs } from '@remix-run/node';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { zipSync } from 'fflate';
import { isUuid, withTenant } from '@shequ/db';
import { resources } from '@shequ/i18n';
import { type AppAbility, ForbiddenError } from '@shequ/permissions';
import { listPosterCodes, type PosterCode } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { download, FILE_TYPES, safeFileName } from '~/lib/download.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { residentUrl } from '~/lib/qr.server.ts';
import { requireCommunityInReach } from '~/lib/reach.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { posterFont } from './font.server.ts';
import { posterPdf, posterPng } from './poster.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';

export type PosterFormat = 'pdf' | 'png';
export const isPosterFormat = (v: unknown): v is PosterFormat => v === 'pdf' || v === 'png';

// File names keep Chinese but lose anything a file system might object to (the one cleaner: safeFileName).
const safeName = (s: string) => safeFileName(s, 80);

/**
 * Printable posters of a community for whoever may read it: one code's poster (`which` = a QR code id, or
 * `community` for the community's own code), or
 * `all` = a zip with the community's poster and every building's. Posters render one after another with a pause
 * between them, so a large community's zip never holds up other requests for long.
 */
export async function posterResponse(request: Request, ability: AppAbility, communityId: string, which: string, format: PosterFormat): Promise<Response> {
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.poster.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  let printing: Awaited<ReturnType<typeof listPosterCodes>>;
  if (!isUuid(communityId)) notFound();
  try {
    printing = await withTenant(db, communityId, (tx) => listPosterCodes(tx, { ability }, { communityId }));
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) notFound();
    throw error;
  }
  const { community, codes } = printing;
  const render = async (code: PosterCode) => {
    const content = { communityName: community.name, streetName: community.streetName, buildingName: code.buildingName, url: residentUrl(request, community.slug, code.token) };
    return format === 'pdf' ? posterPdf(content, font) : posterPng(content, font);
  };
  const fileName = (code: PosterCode) => safeName(`${community.name}${code.buildingName ? `-${code.buildingName}` : ''}-二维码海报.${format}`);

  if (which !== 'all') {
    const code = which === 'community' ? codes.find((c) => c.buildingName === null) : codes.find((c) => c.id === which);
    if (!code) notFound();
    return download(await render(code), fileName(code), FILE_TYPES[format]);
  }
  const files: Record<string, Uint8Array> = {};
  for (const code of codes) {
    files[fileName(code)] = new Uint8Array(await render(code));
    await yieldToEventLoop();
  }
  // PDFs and PNGs are compressed already: store them.
  const zip = zipSync(files, { level: 0 });
  return download(zip, safeName(`${community.name}-全部二维码海报-${format}.zip`), FILE_TYPES.zip);
}

/** The loader of a console's poster route (`…/:communityId/poster/:which/:format`); the use case decides which communities. */
export function posterLoaderFor(console: 'operator' | 'org') {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const { actor, ability } = await requireActor(request, console);
    if (!isPosterFormat(params.format)) notFound();
    const communityId = await requireCommunityInReach(actor, params.communityId);
    return posterResponse(request, ability, communityId, params.which ?? '', params.format);
  };
}
