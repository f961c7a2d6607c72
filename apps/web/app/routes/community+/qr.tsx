import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isUuid, withTenant } from '@shequ/db';
import { compareChinese } from '@shequ/domain';
import { ForbiddenError, subject } from '@shequ/permissions';
import { getCommunity, listQrCodes, rotateQrCode } from '@shequ/use-cases';
import { Alert } from '~/components/ui/alert.tsx';
import { Card } from '~/components/ui/card.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { db } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { residentUrl } from '~/lib/qr.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { rotateQrCodeSchema } from '@shequ/use-cases/schemas';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('qr.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'community');
  const tenantId = actor.workspace.tenantId!;
  try {
    return await withTenant(db, tenantId, async (tx) => {
      const community = await getCommunity(tx, { actor, ability }, { communityId: tenantId });
      const codes = await listQrCodes(tx, { actor, ability }, { tenantId });
      return {
        codes: codes
          .sort((a, b) => (a.buildingId === null ? -1 : b.buildingId === null ? 1 : compareChinese(a.buildingName ?? '', b.buildingName ?? '')))
          .map((c) => ({ id: c.id, buildingName: c.buildingName, url: residentUrl(request, community.slug!, c.token) })),
      };
    });
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, rotateQrCodeSchema, 'community');
  const tenantId = actor.workspace.tenantId!;
  const qrId = submission.status === 'success' ? submission.value.qrId : null;
  if (!isUuid(qrId)) notFound();
  try {
    await withTenant(db, tenantId, (tx) => rotateQrCode(tx, { actor, ability }, { tenantId, qrId }));
    return withToast({ rotated: true }, 'qrRotated');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) return data({ rotated: false }, { status: describeRefusal(error).status });
    throw error;
  }
}

export default function QrPage() {
  const { t } = useTranslation();
  const { codes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Replacing a code is the check rotateQrCode makes: every building of the community (admins), not a grid worker's own.
  const { tenantId } = useScope();
  const canRotate = useAbility().can('update', subject('Building', { tenantId, gridWorkerId: null }));
  return (
    <div className="space-y-4">
      <PageHeader title={t('qr.title')} description={t('qr.intro')}>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <a href="/community/qr/all/poster/pdf" download className="text-brand-700 underline">
            {t('poster.zip')} · PDF
          </a>
          <a href="/community/qr/all/poster/png" download className="text-brand-700 underline">
            {t('poster.zip')} · PNG
          </a>
        </p>
      </PageHeader>
      {result?.rotated ? <Alert tone="success">{t('qr.rotated')}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {codes.map((c) => (
          <Card key={c.id} className="flex min-w-0 flex-col items-center gap-2 p-4 text-center">
            <img src={`/community/qr/${c.id}/png`} alt={c.buildingName ?? t('qr.community')} className="h-40 w-40" loading="lazy" />
            <p className="font-medium text-slate-900">{c.buildingName ?? t('qr.community')}</p>
            <a href={c.url} className="max-w-full truncate text-xs text-brand-700 underline" data-testid="qr-url">
              {c.url}
            </a>
            <div className="flex gap-3 text-sm">
              <a href={`/community/qr/${c.id}/png`} download className="underline">
                {t('qr.png')}
              </a>
              <a href={`/community/qr/${c.id}/svg`} download className="underline">
                {t('qr.svg')}
              </a>
            </div>
            <div className="flex gap-3 text-sm">
              <a href={`/community/qr/${c.id}/poster/pdf`} download className="underline">
                {t('poster.pdf')}
              </a>
              <a href={`/community/qr/${c.id}/poster/png`} download className="underline">
                {t('poster.png')}
              </a>
            </div>
            {canRotate ? (
              <PostForm hiddenFields={{ qrId: c.id }}>
                <ConfirmButton variant="secondary" size="sm" title={t('qr.rotateConfirm')}>
                  {t('qr.rotate')}
                </ConfirmButton>
              </PostForm>
            ) : null}
          </Card>
        ))}
      </div>
    </div>
  );
}
