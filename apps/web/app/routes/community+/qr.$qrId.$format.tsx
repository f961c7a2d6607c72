import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid, withTenant } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { getCommunity, listQrCodes } from '@shequ/use-cases';
import { db } from '~/lib/db.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { qrPng, qrSvg, residentUrl } from '~/lib/qr.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// PNG or SVG of one of the community's active QR codes, as a download.
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (!isUuid(params.qrId) || (params.format !== 'png' && params.format !== 'svg')) notFound();
  try {
    const { code, slug } = await withTenant(db, tenantId, async (tx) => {
      const community = await getCommunity(tx, { actor, ability }, { communityId: tenantId });
      return { code: (await listQrCodes(tx, { actor, ability }, { tenantId })).find((c) => c.id === params.qrId), slug: community.slug! };
    });
    if (!code) notFound();
    const url = residentUrl(request, slug, code.token);
    const name = `${slug}-${code.buildingName ?? 'community'}.${params.format}`;
    if (params.format === 'svg') return download(await qrSvg(url), name, FILE_TYPES.svg, undefined, 'inline');
    return download(await qrPng(url), name, FILE_TYPES.png, undefined, 'inline');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
});
