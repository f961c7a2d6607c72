import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PARTNER_FILE_MAX_BYTES, PARTNER_UNIT_KINDS } from '@shequ/domain';
import { importPartnerUnits, listPartnerUnits, listPartyMembers, listUnitPartyMembers, maySeeParty, type RefusalCode, registerPartnerUnit, setPartyMemberUnit } from '@shequ/use-cases';
import { partnersPageFormSchema } from '@shequ/use-cases/schemas';
import { CommitteeCard, CommitteeForm } from '~/components/committee/committee-form.tsx';
import { CommitteeTabs, useReply } from '~/components/committee/committee-tabs.tsx';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import type { FormReply } from '~/lib/form-reply.tsx';
import { bodyTooLarge, FORM_OVERHEAD_BYTES, takesBodyUpTo } from '~/lib/body-limit.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { refusalMessage } from '~/lib/refusal.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actOnCommittee, committeeCaller, loadCommittee } from './committee.server.ts';

export const meta = pageTitle('committee.partners.title');

// The partner units' register (共建单位, issue 18): each unit with its kind, masked contact, what it offers, its
// posts and 承诺兑现率; a unit registered by hand (contact sealed as the register does) or many from Excel/CSV with a
// dry run that names each row's problem. Units in the area are parties to consultation (中办发〔2015〕41号, POLICY.md).
//
// A unit's party members who reported to the community (decision 057) are people of the register: only those who see
// the party organisation (the whole register) get their masked names and the form linking them; others see the count
// the unit gave.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await committeeCaller(request);
  return loadCommittee(caller, async (tx) => {
    const units = await listPartnerUnits(tx, caller);
    if (!maySeeParty(caller)) return { units, party: null };
    const linked = await listUnitPartyMembers(tx, caller);
    const reporting = (await listPartyMembers(tx, caller)).filter((m) => m.kind === 'reporting');
    return { units, party: { canLink: maySeeParty(caller, 'update'), linked, reporting: reporting.map((m) => ({ memberId: m.memberId, nameHint: m.nameHint, hint: [m.building, m.mobileHint].filter(Boolean).join(' · '), orgName: m.orgName, workUnit: m.workUnit })) } };
  });
}

/** Bodies above this are answered without reading the form (decision 060): a file of PARTNER_FILE_MAX_BYTES and the fields. */
export const handle = takesBodyUpTo(PARTNER_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES);

export async function action({ request }: ActionFunctionArgs) {
  // A file too large to read: the message beside the file field (the only field of this page that can be so large).
  if (bodyTooLarge(request, handle)) return data<FormReply>({ form: 'import', errors: { file: ['refusals.partner.import.tooLarge'] }, error: null, params: { maxMb: PARTNER_FILE_MAX_BYTES / 1024 / 1024 } }, { status: 413 });
  const { actor, ability, submission } = await requireSubmission(request, partnersPageFormSchema, 'community');
  if (submission.status !== 'success') {
    const intent = submission.payload.intent;
    return replyInvalidSubmission(submission, { form: intent === 'register' || intent === 'unitMember' ? intent : 'import', keepTyped: true });
  }
  const v = submission.value;
  const caller = { actor, ability };
  if (v.intent === 'unitMember') {
    const done = await actOnCommittee(caller, (tx) => setPartyMemberUnit(tx, caller, v));
    if (!done.ok) return replyRefused('unitMember', done.error, submission.payload);
    return withToast(replySaved('unitMember'), done.value.partnerUnitId ? 'committee.unitMemberLinked' : 'committee.unitMemberUnlinked');
  }
  if (v.intent === 'register') {
    const done = await actOnCommittee(caller, (tx) => registerPartnerUnit(tx, caller, { ...v, cipher: caseDeps.cipher }));
    if (!done.ok) return replyRefused('register', done.error, submission.payload);
    return withToast(replySaved('register'), 'committee.unitRegistered');
  }
  const bytes = new Uint8Array(await v.file.arrayBuffer());
  const commit = v.intent === 'commit';
  const done = await actOnCommittee(caller, (tx) => importPartnerUnits(tx, caller, { bytes, fileName: v.file.name, commit, cipher: caseDeps.cipher }));
  // A refusal about the file as a whole (empty, unreadable, columns missing) sits beside the file field.
  if (!done.ok) return replyRefused('import', done.error, undefined, { fields: {}, unnamed: 'file' });
  const report = { form: 'import', errors: {}, error: null, params: {}, rows: done.value.rows, created: done.value.created, committed: commit };
  return commit ? withToast(report, 'committee.unitsImported', { count: done.value.created }) : report;
}

/** The import's columns by the field a problem names (their headings on this page). */
const IMPORT_COLUMNS: Record<string, 'committee.partners.name' | 'committee.partners.kind' | 'committee.partners.address' | 'committee.partners.contactName' | 'committee.partners.contactMobile' | 'committee.partners.offers' | 'committee.partners.memberSince' | 'committee.partners.memberUntil' | 'committee.partners.partyMembers'> = {
  name: 'committee.partners.name',
  kind: 'committee.partners.kind',
  address: 'committee.partners.address',
  contactName: 'committee.partners.contactName',
  contactMobile: 'committee.partners.contactMobile',
  offers: 'committee.partners.offers',
  memberSince: 'committee.partners.memberSince',
  memberUntil: 'committee.partners.memberUntil',
  partyMembersReported: 'committee.partners.partyMembers',
};

export default function PartnersPage() {
  const { t } = useTranslation();
  const tk = useLooseT();
  const tx = useLooseT();
  const { units, party } = useLoaderData<typeof loader>();
  const can = useCommunityCan();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { err, alert, value, resetKey, check } = useReply(reply, partnersPageFormSchema);
  const canCreate = can('create', 'PartnerUnit');
  const report = reply && 'rows' in reply ? reply : null;
  const counts = report ? { ok: report.rows.filter((r) => r.status === 'ok').length, error: report.rows.filter((r) => r.status === 'error').length, duplicate: report.rows.filter((r) => r.status === 'duplicate').length } : null;
  const pct = (rate: number | null) => (rate === null ? '—' : `${rate}%`);
  // Every problem of a row, each in words naming its column; a shape no message words is said beside its column's name.
  const reason = (r: { code: string; params: Record<string, string | number> }) => {
    const text = tx(refusalMessage(r.code as RefusalCode), r.params);
    const column = typeof r.params.field === 'string' ? IMPORT_COLUMNS[r.params.field] : undefined;
    return r.code === 'input.invalid' && column ? `${t(column)}：${text}` : text;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t('committee.partners.title')} description={t('committee.partners.intro', { count: units.length })} />
      <CommitteeTabs />

      <DataTable
        rows={units}
        rowKey={(u) => u.id}
        data-testid="partner-units"
        rowTestId="partner-unit"
        empty={t('committee.partners.empty')}
        columns={[
          { id: 'name', header: t('committee.partners.name'), cell: (u) => <span className="break-words font-medium">{u.name}</span>, sortValue: (u) => u.name },
          { id: 'kind', header: t('committee.partners.kind'), label: t('committee.partners.kind'), cell: (u) => tk(`committee.unitKind.${u.kind}`), sortValue: (u) => u.kind },
          { id: 'contact', header: t('committee.partners.contact'), label: t('committee.partners.contact'), cell: (u) => [u.contactNameHint, u.contactMobileHint].filter(Boolean).join(' ') || '—' },
          { id: 'offers', header: t('committee.partners.offers'), label: t('committee.partners.offers'), cell: (u) => <span className="break-words">{u.offers ?? '—'}</span> },
          { id: 'posts', header: t('committee.partners.posts'), label: t('committee.partners.posts'), className: 'tabular-nums', cell: (u) => u.postsClaimed, sortValue: (u) => u.postsClaimed },
          {
            id: 'rate',
            header: t('committee.partners.rate'),
            label: t('committee.partners.rate'),
            className: 'tabular-nums',
            cell: (u) => (u.promised ? `${pct(u.promiseRate)}（${u.delivered}/${u.promised}）` : '—'),
            sortValue: (u) => u.promiseRate ?? -1,
          },
          { id: 'served', header: t('committee.partners.served'), label: t('committee.partners.served'), className: 'tabular-nums', cell: (u) => u.peopleServed, sortValue: (u) => u.peopleServed },
          {
            id: 'party',
            header: t('committee.partners.partyMembers'),
            label: t('committee.partners.partyMembers'),
            cell: (u) => {
              const names = party ? party.linked.filter((m) => m.partnerUnitId === u.id).map((m) => m.nameHint) : [];
              return (
                <span className="break-words" data-testid="unit-party-members">
                  {u.partyMembersReported}
                  {names.length ? `（${t('committee.partners.partyLinked', { names: names.join('、') })}）` : ''}
                </span>
              );
            },
            sortValue: (u) => u.partyMembersReported,
          },
          { id: 'rating', header: t('committee.partners.rating'), label: t('committee.partners.rating'), className: 'tabular-nums', cell: (u) => (u.averageRating === null ? '—' : `${u.averageRating}（${u.ratings}）`), sortValue: (u) => u.averageRating ?? -1 },
          {
            id: 'report',
            header: t('committee.report.unit'),
            label: t('committee.report.unit'),
            cell: (u) => (
              <span className="flex gap-2 whitespace-nowrap">
                <a href={`/community/committee/units/${u.id}/report?format=pdf`} className="text-brand-700 underline" download>
                  PDF
                </a>
                <a href={`/community/committee/units/${u.id}/report?format=xlsx`} className="text-brand-700 underline" download>
                  Excel
                </a>
              </span>
            ),
          },
        ]}
      />

      {party?.canLink ? (
        <CommitteeCard title={t('committee.partners.linkTitle')}>
          <p className="text-sm text-slate-600">{t('committee.partners.linkHint')}</p>
          <CommitteeForm intent="unitMember" {...check('unitMember')} grid submitLabel={t('committee.partners.link')} busy={busy} alert={alert('unitMember')} resetKey={resetKey('unitMember')} data-testid="unit-member-form">
            <Field id="um-member" label={t('committee.partners.linkMember')} error={err('unitMember', 'memberId')}>
              <Select name="memberId" placeholder={t('committee.choose')} defaultValue={value('unitMember', 'memberId')} options={party.reporting.map((m) => ({ value: m.memberId, label: [m.nameHint, m.hint, m.orgName, m.workUnit].filter(Boolean).join(' · ') }))} />
            </Field>
            <Field id="um-unit" label={t('committee.partners.linkUnit')} error={err('unitMember', 'partnerUnitId')}>
              <Select name="partnerUnitId" placeholder={t('committee.partners.linkNone')} defaultValue={value('unitMember', 'partnerUnitId')} options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Field>
          </CommitteeForm>
        </CommitteeCard>
      ) : null}

      {canCreate ? (
        <CommitteeCard title={t('committee.partners.register')}>
          <CommitteeForm intent="register" {...check('register')} grid submitLabel={t('committee.partners.register')} busy={busy} alert={alert('register')} resetKey={resetKey('register')} data-testid="unit-form">
            <Field id="u-name" label={t('committee.partners.name')} error={err('register', 'name')}>
              <Input name="name" maxLength={100} defaultValue={value('register', 'name')} />
            </Field>
            <Field id="u-kind" label={t('committee.partners.kind')} error={err('register', 'kind')}>
              <Select name="kind" placeholder={t('committee.choose')} defaultValue={value('register', 'kind')} options={PARTNER_UNIT_KINDS.map((k) => ({ value: k, label: tk(`committee.unitKind.${k}`) }))} />
            </Field>
            <Field id="u-address" label={t('committee.partners.address')} optional={t('committee.optional')} error={err('register', 'address')}>
              <Input name="address" maxLength={200} defaultValue={value('register', 'address')} />
            </Field>
            <Field id="u-offers" label={t('committee.partners.offers')} optional={t('committee.optional')} error={err('register', 'offers')}>
              <Input name="offers" maxLength={500} defaultValue={value('register', 'offers')} />
            </Field>
            <Field id="u-contact" label={t('committee.partners.contactName')} optional={t('committee.optional')} error={err('register', 'contactName')}>
              <Input name="contactName" maxLength={40} defaultValue={value('register', 'contactName')} />
            </Field>
            <Field id="u-mobile" label={t('committee.partners.contactMobile')} optional={t('committee.optional')} error={err('register', 'contactMobile')}>
              <Input name="contactMobile" inputMode="tel" maxLength={30} defaultValue={value('register', 'contactMobile')} />
            </Field>
            <Field id="u-since" label={t('committee.partners.memberSince')} optional={t('committee.optional')} error={err('register', 'memberSince')}>
              <Input name="memberSince" type="date" defaultValue={value('register', 'memberSince')} />
            </Field>
            <Field id="u-until" label={t('committee.partners.memberUntil')} optional={t('committee.optional')} error={err('register', 'memberUntil')}>
              <Input name="memberUntil" type="date" defaultValue={value('register', 'memberUntil')} />
            </Field>
            <Field id="u-party" label={t('committee.partners.partyMembers')} optional={t('committee.optional')} error={err('register', 'partyMembersReported')}>
              <Input name="partyMembersReported" inputMode="numeric" defaultValue={value('register', 'partyMembersReported')} />
            </Field>
          </CommitteeForm>
        </CommitteeCard>
      ) : null}

      {canCreate ? (
        <CommitteeCard title={t('committee.partners.import')}>
          <p className="text-sm text-slate-600">{t('committee.partners.columns')}</p>
          <p className="text-sm text-slate-600">
            <a href="/community/committee/partners/import-template" download className="font-medium text-brand-700 underline" data-testid="import-template">
              {t('committee.partners.template')}
            </a>
            <span className="block text-xs text-slate-500">{t('committee.partners.templateHint')}</span>
          </p>
          <Form {...check('import')} method="post" encType="multipart/form-data" noValidate className="space-y-3" data-testid="import-form">
            <CsrfInput />
            <Field id="u-file" label={t('committee.partners.file')} error={err('import', 'file')}>
              <FileInput name="file" shrink={false} chooseLabel={t('committee.partners.fileChoose')} accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" data-testid="import-file" />
            </Field>
            <p className="text-xs text-slate-500">{t('committee.partners.fileAgain')}</p>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" name="intent" value="check" variant="secondary" disabled={busy} data-testid="import-check">
                {t('committee.partners.check')}
              </Button>
              <Button type="submit" name="intent" value="commit" disabled={busy} data-testid="import-commit">
                {t('committee.partners.commit')}
              </Button>
            </div>
          </Form>
          {report && counts ? (
            <div className="space-y-2">
              <Alert tone={report.committed ? 'success' : 'info'} data-testid="import-summary">
                {report.committed ? t('committee.partners.imported', { count: report.created }) : t('committee.partners.checked', { total: report.rows.length, ...counts })}
              </Alert>
              <DataTable
                rows={report.rows}
                rowKey={(r) => String(r.line)}
                data-testid="import-rows"
                columns={[
                  { id: 'line', header: t('committee.partners.line'), className: 'tabular-nums', cell: (r) => t('committee.partners.row', { line: r.line }), sortValue: (r) => r.line },
                  { id: 'name', header: t('committee.partners.name'), label: t('committee.partners.name'), cell: (r) => r.name || '—' },
                  {
                    id: 'status',
                    header: t('committee.partners.rowStatus'),
                    label: t('committee.partners.rowStatus'),
                    cell: (r) => <Badge tone={r.status === 'ok' ? 'success' : r.status === 'duplicate' ? 'progress' : 'danger'}>{t(`committee.partners.status.${r.status}`)}</Badge>,
                    sortValue: (r) => r.status,
                  },
                  {
                    id: 'reason',
                    header: t('committee.partners.reason'),
                    label: t('committee.partners.reason'),
                    cell: (r) => (r.reasons.length ? <span className="break-words" data-testid="import-reasons">{r.reasons.map(reason).join('；')}</span> : '—'),
                  },
                ]}
              />
            </div>
          ) : null}
        </CommitteeCard>
      ) : null}
    </div>
  );
}
