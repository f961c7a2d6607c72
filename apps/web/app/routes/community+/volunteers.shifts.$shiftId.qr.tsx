import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { getCommunity, getShiftQr } from '@shequ/use-cases';
import { notFound } from '~/lib/http.server.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// The shift's QR code now (it changes every 30 seconds: getShiftQr), as an SVG for the leader's phone. It encodes the
// volunteer's scan address with the shift and the code; never cached.
export const loader = resourceRoute('text', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.shiftId)) notFound();
  const { qr, slug } = await runAsStaff(caller, async (tx) => {
    const community = await getCommunity(tx, caller, { communityId: caller.actor.workspace.tenantId! });
    return { qr: await getShiftQr(tx, caller, { shiftId: params.shiftId! }), slug: community.slug! };
  });
  const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
  const url = `${base}/c/${slug}/v/scan?shift=${qr.shiftId}&code=${encodeURIComponent(qr.code)}`;
  return new Response(await qrSvg(url), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'no-store', 'X-Code-Expires': qr.expiresAt.toISOString() },
  });
});
