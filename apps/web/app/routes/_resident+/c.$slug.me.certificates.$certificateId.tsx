import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { resources } from '@shequ/i18n';
import { getVolunteerCertificate, volunteerSelfOf } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { certificatePdf } from '~/lib/posters/certificate.server.ts';
import { posterFont } from '~/lib/posters/font.server.ts';
import { runAsResident } from '~/lib/resident-scope.server.ts';
import { requireResident } from '~/lib/resident-session.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// A volunteer's own service certificate as a PDF (issue 17): only theirs (another's, or another community's, is a
// 404), with a QR code opening the public verification page. Never cached: it carries their full name.
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const me = volunteerSelfOf(caller.resident);
  if (!me || !isUuid(params.certificateId)) notFound();
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.volunteerCertificate.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  // Another's certificate, or another community's, is unknown here: the 404 page.
  const cert = await runAsResident(community, (tx) => getVolunteerCertificate(tx, me, { certificateId: params.certificateId!, cipher: caseDeps.cipher }));
  const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
  // The community's seal image, when uploaded (a missing file prints the certificate without it).
  const seal = cert.sealImageKey ? await caseDeps.storage.get(cert.sealImageKey) : null;
  const pdf = await certificatePdf({ ...cert, verifyUrl: `${base}/c/${community.slug}/cert/${cert.verifyCode}`, seal: seal ? Buffer.from(seal) : null }, font);
  return download(pdf, `志愿服务证明-${cert.number}.pdf`, FILE_TYPES.pdf, undefined, 'inline');
});
