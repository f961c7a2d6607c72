import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { anonymousCaller, verifyVolunteerCertificate } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { db } from '~/lib/db.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { lookupsBlocked, takeFailedLookup } from '~/lib/resident-limits.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';
import { ResidentPage } from '~/components/resident-page.tsx';

// Named by the certificate's number (when found): two certificates checked in two tabs are told apart.
export const meta = pageTitle('volunteerCertificate.verify.title', dataField('cert.number'));

// The public verification of a volunteer service certificate (issue 17): what its QR code opens. Anyone may look;
// it confirms the number, the masked name, the hours and the issuer, and nothing more. An unknown code (or one of
// another community under this address) is a 404 that says on this page that no such certificate was issued here
// (a forged code got the site's generic 404: found from outside); look-ups are limited per address like tracking codes.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const missing = () => data({ found: false as const, cert: null, community: community.name }, { status: 404 });
  if (!/^[A-Za-z0-9_-]{8,24}$/.test(params.code ?? '')) return missing();
  if (await lookupsBlocked(context.ip)) throw new Response(null, { status: 429 });
  try {
    const cert = await withTenant(db, community.id, (tx) => verifyVolunteerCertificate(tx, anonymousCaller(), { tenantId: community.id, code: params.code! }));
    return { found: true as const, cert, community: community.name };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // Guessing codes costs: a miss counts toward the address's look-up limit.
    await takeFailedLookup(context.ip);
    return missing();
  }
}

export default function VerifyCertificate() {
  const { t } = useTranslation();
  const { cert, community } = useLoaderData<typeof loader>();
  if (!cert)
    return (
      <ResidentPage title={t('volunteerCertificate.verify.title')}>
        <Alert tone="error" data-testid="certificate-status">
          {t('volunteerCertificate.verify.notFound', { community })}
        </Alert>
      </ResidentPage>
    );
  return (
    <ResidentPage title={t('volunteerCertificate.verify.title')}>
      <Alert tone={cert.revoked ? 'error' : 'success'} data-testid="certificate-status">
        {cert.revoked ? t('volunteerCertificate.verify.revoked') : t('volunteerCertificate.verify.valid')}
      </Alert>
      <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="certificate-facts">
        <dt className="text-slate-500">{t('volunteerCertificate.verify.number')}</dt>
        <dd className="font-mono text-slate-900">{cert.number}</dd>
        <dt className="text-slate-500">{t('volunteerCertificate.verify.name')}</dt>
        <dd className="text-slate-900">{cert.nameHint}</dd>
        <dt className="text-slate-500">{t('volunteerCertificate.verify.hours')}</dt>
        <dd className="text-slate-900">{t('volunteerCertificate.verify.hoursValue', { hours: cert.hours.toFixed(1) })}</dd>
        <dt className="text-slate-500">{t('volunteerCertificate.verify.issuer')}</dt>
        <dd className="break-words text-slate-900">{cert.issuer}</dd>
      </dl>
    </ResidentPage>
  );
}
