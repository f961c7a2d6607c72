import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { claimWishForPartnerUnit, confirmWishLit, enterHoursAfterwards, listWishWallForStaff, publishWishOnWall, revealWishClaimant } from '@shequ/use-cases';
import { wishWallPageSchema } from '@shequ/use-cases/schemas';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardList } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { PHOTO_LIMIT_BYTES } from '~/lib/fit-photo.ts';
import { Input } from '~/components/ui/input.tsx';
import { Select } from '~/components/ui/select.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { type FormReply, useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { isUuid } from '@shequ/db';
import { bodyTooLarge, formNamedInUrl, formUrl, MB, pageWithoutForm, takesBodyUpTo } from '~/lib/body-limit.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireActor } from '~/lib/session.server.ts';
import { redirectWithToast, withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.wishWall.staffTitle');

// The wish wall for staff (微心愿 认领/点亮, issue 17): put a small wish of someone in need on the public wall (in words
// without personal data), record a partner unit's claim, see who claimed what by when (masked name and number, or the
// unit's contact, to call them), confirm it lit with the resident's thanks and a photo (shown here only).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  return runAsStaff(caller, (tx) => listWishWallForStaff(tx, caller));
}

/** Bodies above this are answered without reading the form (decision 060): one photo of 5 MB plus the fields, with room for multipart overhead. */
export const handle = takesBodyUpTo(6 * MB);

/**
 * The form a reply is for: the publish form, or one wish's form (`unitClaim:<wish>`, `lit:<wish>`, `hours:<claim>`), so
 * that a message is shown beside the field of the form that was sent, not under every wish's (issue 17).
 */
function formOf(payload: { intent?: unknown; itemId?: unknown; wishClaimId?: unknown }): string {
  const intent = String(payload.intent ?? '');
  if (intent === 'hours') return `hours:${String(payload.wishClaimId ?? '')}`;
  return intent === 'unitClaim' || intent === 'lit' || intent === 'reveal' ? `${intent}:${String(payload.itemId ?? '')}` : 'publish';
}

/** Each form's fields, by the use case's names: a refusal naming one is shown beside it. */
const FORM_FIELDS = { publish: ['title', 'publicText'], unitClaim: ['partnerUnitId', 'promisedOn'], lit: ['thanks', 'photo'], hours: ['teamId', 'content', 'servedFrom', 'servedTo'], reveal: [] } as const;

export async function action({ request }: ActionFunctionArgs) {
  // A photo too large to read (the browser did not make it fit): beside the photo field of the wish's 点亮 form.
  if (bodyTooLarge(request, handle)) {
    const form = formNamedInUrl(request, (key) => /^lit:/.test(key) && isUuid(key.slice('lit:'.length))) ?? 'lit';
    return data<FormReply>({ form, errors: { photo: ['refusals.intake.photos.tooLarge'] }, error: form === 'lit' ? 'refusals.intake.photos.tooLarge' : null, params: { maxMb: 5 } }, { status: 413 });
  }
  const { actor, ability, submission } = await requireSubmission(request, wishWallPageSchema, 'community');
  // What was typed comes back with every refusal (a page rendered anew, without JavaScript, shows it again).
  if (submission.status !== 'success') return replyInvalid(formOf(submission.payload), submission.error, submission.payload);
  const caller = { actor, ability };
  const v = submission.value;
  if (v.intent === 'reveal') {
    // The claimant in full, to call them (audited: revealWishClaimant); shown on that wish's card only.
    const shown = await actAsStaff(caller, (tx) => revealWishClaimant(tx, caller, { itemId: v.itemId, cipher: caseDeps.cipher }));
    if (!shown.ok) return replyRefused(formOf(v), shown.error, submission.payload);
    return withToast({ ...replySaved(formOf(v)), revealed: { itemId: v.itemId, ...shown.value } }, 'volunteers.wishClaimantRevealed');
  }
  const photo = v.intent === 'lit' && v.photo ? new Uint8Array(await v.photo.arrayBuffer()) : null;
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'publish') await publishWishOnWall(tx, caller, { caseId: v.caseId, title: v.title, publicText: v.publicText });
    else if (v.intent === 'unitClaim') await claimWishForPartnerUnit(tx, caller, { itemId: v.itemId, partnerUnitId: v.partnerUnitId, promisedOn: v.promisedOn });
    else if (v.intent === 'hours') await enterHoursAfterwards(tx, caller, { residentId: v.residentId, teamId: v.teamId, activityId: v.activityId, servedFrom: v.servedFrom, servedTo: v.servedTo, content: v.content, wishClaimId: v.wishClaimId });
    else await confirmWishLit(tx, caller, { itemId: v.itemId, thanks: v.thanks, photo, storage: caseDeps.storage });
    return v.intent;
  });
  // Beside the field of the form that was sent (one per wish); a problem naming no field of it above that form, or
  // above the list when the wish has left it (a case the page cannot see, a claim that lapsed).
  if (!done.ok) return replyRefused(formOf(v), done.error, submission.payload, { fields: Object.fromEntries(FORM_FIELDS[v.intent].map((f) => [f, f])) });
  // 点亮 was posted to ?form=lit:… (so a photo too large to read is still told beside its form): saved, back to the
  // page's own address, which a reload does not post again.
  if (v.intent === 'lit') return redirectWithToast(pageWithoutForm(request), 'volunteers.wishLit');
  return withToast(replySaved(formOf(v)), v.intent === 'publish' ? 'volunteers.wishPublished' : v.intent === 'unitClaim' ? 'volunteers.wishUnitClaimed' : v.intent === 'hours' ? 'volunteers.wishHoursEntered' : 'volunteers.wishLit');
}

export default function StaffWishWall() {
  const { t } = useTranslation();
  const { items, canEdit } = useLoaderData<typeof loader>();
  const { err, alert, submit, sent, value, check } = useReply(useActionData<typeof action>(), wishWallPageSchema);
  const fieldError = (name: string) => err('publish', name);
  // A wish's form whose wish is no longer shown (lapsed, lit meanwhile): its refusal above the list.
  const onPage = new Set(items.flatMap((item) => [`unitClaim:${item.id}`, `lit:${item.id}`, `reveal:${item.id}`, item.claim?.claimId ? `hours:${item.claim.claimId}` : '']));
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.wishWall.staffTitle')} description={t('volunteers.wishWall.staffIntro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      {sent && sent !== 'publish' && !onPage.has(sent) ? alert(sent) : null}
      {canEdit ? (
        <Card className="p-4">
          <PostForm {...check('publish')} className="space-y-3">
            <Field id="ww-title" label={t('volunteers.wishWall.titleField')} error={fieldError('title')}>
              <Input name="title" defaultValue={value('publish', 'title')} />
            </Field>
            <Field id="ww-text" label={t('volunteers.wishWall.textField')} hint={t('volunteers.wishWall.textHint')} error={fieldError('publicText')}>
              <Textarea name="publicText" rows={3} defaultValue={value('publish', 'publicText')} />
            </Field>
            {submit('publish', t('volunteers.wishWall.publish'), { intent: 'publish' })}
          </PostForm>
        </Card>
      ) : null}
      <CardList items={items} empty={t('volunteers.wishWall.empty')} itemKey={(item) => item.id}>
        {(item) => <StaffWishCard item={item} />}
      </CardList>
    </div>
  );
}

/** One wish of the wall as staff see it: who claimed it, and what may be recorded next (a unit's claim, hours, 点亮). */
function StaffWishCard({ item }: { item: ReturnType<typeof useLoaderData<typeof loader>>['items'][number] }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const { units, teams, canEdit, canReveal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { err, alert, refused, value, check } = useReply(reply, wishWallPageSchema);
  const shown = (reply as { revealed?: { itemId: string; name: string | null; mobile: string | null; unit: string | null } } | undefined)?.revealed;
  const revealed = shown && shown.itemId === item.id ? shown : null;
  const busy = useNavigation().state !== 'idle';
  const hoursForm = `hours:${item.claim?.claimId ?? ''}`;
  return (
    <Card className="space-y-2 p-4" data-testid="staff-wish">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{item.title}</span>
        <Badge tone={item.status === 'lit' ? 'success' : item.status === 'claimed' ? 'progress' : 'info'}>{tx(`volunteers.wishWall.status.${item.status}`)}</Badge>
      </p>
      <p className="break-words text-sm text-slate-700">{item.text}</p>
      {item.claim ? (
        <p className="text-sm text-slate-600" data-testid="wish-claimant">
          {item.claim.partnerUnitId
            ? t('volunteers.wishWall.unitClaimant', { unit: item.claim.nameHint, contact: item.claim.contactHint ?? '—', mobile: item.claim.mobileHint ?? '—', date: item.claim.promisedOn })
            : t('volunteers.wishWall.claimant', { name: item.claim.nameHint, mobile: item.claim.mobileHint ?? '—', date: item.claim.promisedOn })}
        </p>
      ) : null}
      {item.claim && revealed ? (
        // The claimant in full (audited), the number a link that calls it from a phone.
        <p className="break-words text-sm text-slate-800" data-testid="wish-claimant-full">
          {revealed.unit ? `${revealed.unit} · ` : ''}
          {revealed.name ?? '—'} ·{' '}
          {revealed.mobile ? (
            <a href={`tel:${revealed.mobile}`} className="font-medium text-brand-700 underline">
              {revealed.mobile}
            </a>
          ) : (
            t('volunteers.wishWall.noMobile')
          )}
        </p>
      ) : item.claim && canReveal ? (
        <PostForm hiddenFields={{ itemId: item.id }}>
          <Button type="submit" name="intent" value="reveal" size="sm" variant="secondary" disabled={busy} title={t('volunteers.wishWall.revealNote')} data-testid="wish-claimant-reveal">
            {t('volunteers.wishWall.reveal')}
          </Button>
          {alert(`reveal:${item.id}`)}
        </PostForm>
      ) : null}
      {item.thanks ? <p className="text-sm text-amber-800">{item.thanks}</p> : null}
      {item.hasPhoto ? (
        <img src={`/community/volunteers/wishes/${item.id}/photo`} alt={t('volunteers.wishWall.photoAlt', { title: item.title })} className="max-h-48 rounded-md border border-slate-200" loading="lazy" data-testid="wish-photo" />
      ) : null}
      {canEdit && item.status === 'open' && units.length ? (
        <PostForm {...check(`unitClaim:${item.id}`)} hiddenFields={{ itemId: item.id }} className="grid grid-cols-1 gap-2 sm:grid-cols-3 sm:items-end" data-testid="unit-claim">
          <Field id={`unit-${item.id}`} label={t('volunteers.wishWall.unit')} error={err(`unitClaim:${item.id}`, 'partnerUnitId')}>
            <Select name="partnerUnitId" defaultValue={value(`unitClaim:${item.id}`, 'partnerUnitId')} placeholder={t('volunteers.wishWall.unitChoose')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Field>
          <Field id={`promise-${item.id}`} label={t('volunteers.wishWall.promisedOn')} error={err(`unitClaim:${item.id}`, 'promisedOn')}>
            <DateInput name="promisedOn" defaultValue={value(`unitClaim:${item.id}`, 'promisedOn')} />
          </Field>
          <div className="sm:col-span-3">{alert(`unitClaim:${item.id}`)}</div>
          <div>
            <Button type="submit" name="intent" value="unitClaim" variant="secondary" disabled={busy}>
              {t('volunteers.wishWall.recordUnitClaim')}
            </Button>
          </div>
        </PostForm>
      ) : null}
      {canEdit && item.claim?.residentId && teams.length ? (
        // Open again when its form was sent and refused: a refusal inside a closed section was never seen (found from outside).
        <details className="rounded-md border border-slate-200 p-2" data-testid="claim-hours" open={refused(hoursForm) || undefined}>
          <summary className="cursor-pointer text-sm text-brand-700">{t('volunteers.wishWall.hours')}</summary>
          <PostForm {...check(hoursForm)} hiddenFields={{ residentId: item.claim.residentId, wishClaimId: item.claim.claimId }} className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
            <Field id={`ht-${item.id}`} label={t('volunteers.wishWall.hoursTeam')} error={err(hoursForm, 'teamId')}>
              <Select name="teamId" defaultValue={value(hoursForm, 'teamId')} placeholder="" options={teams.map((team) => ({ value: team.id, label: team.name }))} />
            </Field>
            <Field id={`hc-${item.id}`} label={t('volunteers.wishWall.hoursContent')} error={err(hoursForm, 'content')}>
              <Input name="content" defaultValue={value(hoursForm, 'content', t('volunteers.wishWall.hoursDefault', { title: item.title }))} maxLength={200} />
            </Field>
            <Field id={`hf-${item.id}`} label={t('volunteers.wishWall.hoursFrom')} error={err(hoursForm, 'servedFrom')}>
              <Input name="servedFrom" type="datetime-local" defaultValue={value(hoursForm, 'servedFrom')} />
            </Field>
            <Field id={`hto-${item.id}`} label={t('volunteers.wishWall.hoursTo')} error={err(hoursForm, 'servedTo')}>
              <Input name="servedTo" type="datetime-local" defaultValue={value(hoursForm, 'servedTo')} />
            </Field>
            <div className="space-y-2 sm:col-span-2">
              {alert(hoursForm)}
              <Button type="submit" name="intent" value="hours" size="sm" variant="secondary" disabled={busy}>
                {t('volunteers.wishWall.hoursSave')}
              </Button>
            </div>
          </PostForm>
        </details>
      ) : null}
      {canEdit && item.status === 'claimed' ? (
        <PostForm {...check(`lit:${item.id}`)} hiddenFields={{ itemId: item.id }} action={formUrl(`lit:${item.id}`)} encType="multipart/form-data" className="space-y-2">
          <Field id={`thanks-${item.id}`} label={t('volunteers.wishWall.thanks')} error={err(`lit:${item.id}`, 'thanks')}>
            <Input name="thanks" defaultValue={value(`lit:${item.id}`, 'thanks')} />
          </Field>
          <Field id={`photo-${item.id}`} label={t('volunteers.wishWall.photo')} hint={t('volunteers.wishWall.photoHint')} optional={t('volunteers.newActivity.optional')} error={err(`lit:${item.id}`, 'photo')}>
            <FileInput maxBytes={PHOTO_LIMIT_BYTES} name="photo" accept="image/jpeg,image/png,image/webp" capture="environment" chooseLabel={t('care.visit.photoChoose')} noneLabel={t('care.visit.photoNone')} removeLabel={t('care.visit.photoRemove')} />
          </Field>
          {alert(`lit:${item.id}`)}
          <Button type="submit" name="intent" value="lit" disabled={busy}>
            {t('volunteers.wishWall.confirmLit')}
          </Button>
        </PostForm>
      ) : null}
    </Card>
  );
}
