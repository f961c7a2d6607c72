import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid, withTenant } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { getCommunity, listQrCodes } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { qrPng, qrSvg, residentUrl } from '~/lib/qr.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// PNG or SVG of one of the community's active QR codes, as a download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.qrId) || (params.format !== 'png' && params.format !== 'svg')) notFound();
  try {
    const { code, slug } = await withTenant(db, tenantId, async (tx) => {
      const community = await getCommunity(tx, { actor, ability }, { communityId: tenantId });
      return { code: (await listQrCodes(tx, ability, tenantId)).find((c) => c.id === params.qrId), slug: community.slug! };
    });
    if (!code) notFound();
    const url = residentUrl(request, slug, code.token);
    const name = encodeURIComponent(`${slug}-${code.buildingName ?? 'community'}.${params.format}`);
    const headers = { 'Content-Disposition': `inline; filename*=UTF-8''${name}`, 'Cache-Control': 'private, no-cache' };
    if (params.format === 'svg') return new Response(await qrSvg(url), { headers: { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
    return new Response(new Uint8Array(await qrPng(url)), { headers: { ...headers, 'Content-Type': 'image/png' } });
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
