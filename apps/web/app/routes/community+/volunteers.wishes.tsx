import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { confirmWishLit, listWishWallForStaff, publishWishOnWall } from '@shequ/use-cases';
import { wishWallPageSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';

export const meta = pageTitle('volunteers.wishWall.staffTitle');

// The wish wall for staff (微心愿 认领/点亮, issue 17): put a small wish of someone in need on the public wall (in words
// without personal data), see who claimed what by when (masked name and number, to call them), confirm it lit with
// the resident's thanks.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  return runAsStaff(caller, (tx) => listWishWallForStaff(tx, caller));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, wishWallPageSchema, 'community');
  if (submission.status !== 'success') return replyInvalid(submission.payload.intent === 'lit' ? 'lit' : 'publish', submission.error);
  const caller = { actor, ability };
  const v = submission.value;
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'publish') await publishWishOnWall(tx, caller, { caseId: v.caseId, title: v.title, publicText: v.publicText });
    else await confirmWishLit(tx, caller, { itemId: v.itemId, thanks: v.thanks });
    return v.intent;
  });
  // Beside the publish form's fields (a case the page cannot see, caseId, above it); confirming one lit, above the list
  // (the wish may have left it).
  if (!done.ok) return replyRefused(v.intent, done.error, undefined, { fields: v.intent === 'publish' ? { title: 'title', publicText: 'publicText' } : {} });
  return withToast(replySaved(v.intent), v.intent === 'publish' ? 'volunteers.wishPublished' : 'volunteers.wishLit');
}

export default function StaffWishWall() {
  const { t } = useTranslation();
  const tx = useLooseT();
  const { items, canEdit } = useLoaderData<typeof loader>();
  const { err, alert } = useReply(useActionData<typeof action>());
  const busy = useNavigation().state !== 'idle';
  const fieldError = (name: string) => err('publish', name);
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.wishWall.staffTitle')} description={t('volunteers.wishWall.staffIntro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {alert('lit')}
      {canEdit ? (
        <Card className="p-4">
          <Form method="post" noValidate className="space-y-3">
            <CsrfInput />
            <Field id="ww-title" label={t('volunteers.wishWall.titleField')} error={fieldError('title')}>
              <Input name="title" />
            </Field>
            <Field id="ww-text" label={t('volunteers.wishWall.textField')} hint={t('volunteers.wishWall.textHint')} error={fieldError('publicText')}>
              <Textarea name="publicText" rows={3} />
            </Field>
            {alert('publish')}
            <Button type="submit" name="intent" value="publish" disabled={busy}>
              {t('volunteers.wishWall.publish')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <CardList items={items} empty={t('volunteers.wishWall.empty')} itemKey={(item) => item.id}>
        {(item) => (
          <Card className="space-y-2 p-4" data-testid="staff-wish">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{item.title}</span>
              <Badge tone={item.status === 'lit' ? 'success' : item.status === 'claimed' ? 'progress' : 'info'}>{tx(`volunteers.wishWall.status.${item.status}`)}</Badge>
            </p>
            <p className="break-words text-sm text-slate-700">{item.text}</p>
            {item.claim ? (
              <p className="text-sm text-slate-600">{t('volunteers.wishWall.claimant', { name: item.claim.nameHint, mobile: item.claim.mobileHint ?? '—', date: item.claim.promisedOn })}</p>
            ) : null}
            {item.thanks ? <p className="text-sm text-amber-800">{item.thanks}</p> : null}
            {canEdit && item.status === 'claimed' ? (
              <Form method="post" noValidate className="flex flex-wrap items-end gap-2">
                <CsrfInput />
                <input type="hidden" name="itemId" value={item.id} />
                <Field id={`thanks-${item.id}`} label={t('volunteers.wishWall.thanks')} className="min-w-0 flex-1">
                  <Input name="thanks" />
                </Field>
                <Button type="submit" name="intent" value="lit" disabled={busy}>
                  {t('volunteers.wishWall.confirmLit')}
                </Button>
              </Form>
            ) : null}
          </Card>
        )}
      </CardList>
    </div>
  );
}
