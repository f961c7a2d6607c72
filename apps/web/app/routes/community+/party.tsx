import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { subject } from '@shequ/permissions';
import { addPartyMemberByNumber, countPartyService, createPartyOrg, listPartyMembers, listPartyOrgs, listRegisterChoices, removePartyMember } from '@shequ/use-cases';
import { partyPageFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { FormFoot, useReply } from '~/lib/form-reply.tsx';
import { Card, CardBody, CardHeader, CardSection, CardTitle } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { badRequest } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { actAsStaff, refusalReply, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { registerCaller, registerSubmission } from './residents.server.ts';

export const meta = pageTitle('party.title');

// The community's party organisation (issue 16): 党总支 › 党支部 › 网格党小组 tied to grids, and their members from the
// register (在职党员报到 with the unit they work at). Those who see the whole register see it; those who edit it keep
// it (the use cases check both; a grid worker or another community's staff is refused).
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  return runAsStaff(caller, async (tx) => {
    const orgs = await listPartyOrgs(tx, caller);
    const members = await listPartyMembers(tx, caller);
    const { grids } = await listRegisterChoices(tx, caller);
    // Party members' volunteer service this year (approved hours from the ledger).
    const service = await countPartyService(tx, caller);
    return { orgs, members, grids, service };
  });
}

/** Which form was sent: the new organisation's, an organisation's add-member form, or a member's transfer. */
function formOf(payload: Record<string, unknown>): string {
  const intent = String(payload.intent ?? '');
  if (intent === 'addMember') return `addMember:${String(payload.orgId ?? '')}`;
  if (intent === 'removeMember') return `removeMember:${String(payload.memberId ?? '')}`;
  return 'createOrg';
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller, submission } = await registerSubmission(request, partyPageFormSchema);
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    return data({ form: formOf(submission.payload), result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  const form = formOf(submission.payload);
  // An organisation or member that is not this community's is unknown here (the 404 page, as by URL).
  const outcome = await actAsStaff(caller, async (tx) => {
    switch (v.intent) {
      case 'createOrg':
        return createPartyOrg(tx, caller, { kind: v.kind, name: v.name, parentId: v.parentId, gridId: v.gridId });
      case 'addMember':
        return addPartyMemberByNumber(tx, caller, { orgId: v.orgId, person: v.person, kind: v.kind, workUnit: v.workUnit, reportedOn: v.reportedOn, cipher: caseDeps.cipher });
      case 'removeMember':
        return removePartyMember(tx, caller, { memberId: v.memberId });
    }
  });
  if (!outcome.ok) return refusalReply(outcome.error, (o) => submission.reply(o), { form });
  const toast = v.intent === 'createOrg' ? 'partyOrgCreated' : v.intent === 'addMember' ? 'partyMemberAdded' : 'partyMemberRemoved';
  return withToast({ form, result: submission.reply({ resetForm: true }) }, toast);
}

type Answer = { form?: string; result?: SubmissionResult<string[]> | null } | undefined;

export default function PartyPage() {
  const { t, i18n } = useTranslation();
  const { orgs, members, grids, service } = useLoaderData<typeof loader>();
  const hours = (minutes: number) => String(Math.round(minutes / 6) / 10);
  const answer = useActionData<typeof action>() as Answer;
  const busy = useNavigation().state !== 'idle';
  const tr = useErrorText();
  const { tenantId } = useScope();
  // Keeping it is shown to those the server lets edit the whole register.
  const canEdit = useAbility().can('update', subject('Resident', { tenantId, gridWorkerId: null }));
  /** The messages and what was typed of one form, when it was the one sent and refused. */
  const answerOf = (form: string) => {
    if (answer?.form !== form || !answer.result || answer.result.status === 'success') return null;
    const errors = (answer.result.error ?? {}) as Record<string, string[] | null | undefined>;
    return { first: (k: string) => tr(errors[k]?.[0]), top: tr(errors['']?.[0]), typed: (answer.result.initialValue ?? {}) as Partial<Record<string, string>> };
  };
  // The new organisation's and each add-member form are checked in the browser with the action's schema (by intent):
  // one it refuses is not sent, its messages beside its fields; otherwise the server's answer shows.
  const { err, check, sent } = useReply(answer, partyPageFormSchema);
  const fieldError = (form: string, field: string, server: ReturnType<typeof answerOf>) => (sent === form ? err(form, field) : server?.first(field));
  const kindName = (k: string) => t(`party.kinds.${k}` as 'party.kinds.branch');
  const newOrg = answerOf('createOrg');
  const date = (d: string) => new Date(`${d}T00:00:00+08:00`).toLocaleDateString(i18n.language, { timeZone: 'Asia/Shanghai', dateStyle: 'medium' });
  return (
    <div className="space-y-4">
      <PageHeader title={t('party.title')} description={t('party.intro')} />
      {orgs.length === 0 ? <EmptyState title={t('party.empty')} /> : null}
      <ul className="space-y-3" data-testid="party-orgs">
        {orgs.map((o) => {
          const mine = members.filter((m) => m.orgId === o.id);
          const add = answerOf(`addMember:${o.id}`);
          return (
            <li key={o.id} style={{ marginInlineStart: `${Math.min(o.depth, 2) * 1}rem` }} data-testid="party-org">
              <Card>
                <CardHeader>
                  <CardTitle>
                    <span className="mr-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">{kindName(o.kind)}</span>
                    {o.name}
                  </CardTitle>
                  <p className="text-xs text-slate-500">
                    {o.gridName ? `${t('party.grid', { grid: o.gridName })} · ` : ''}
                    {t('party.members', { count: o.members })}
                    {o.reporting ? ` · ${t('party.reportingCount', { reporting: o.reporting, reported: o.reported })}` : ''}
                  </p>
                  {service.byOrg[o.id] ? (
                    <p className="text-xs text-slate-600" data-testid="party-org-service">
                      {t('party.service', { year: service.year, hours: hours(service.byOrg[o.id]!.minutes), people: service.byOrg[o.id]!.people })}
                    </p>
                  ) : null}
                </CardHeader>
                <CardBody className="space-y-3 text-sm">
                  {mine.length ? (
                    <ul className="divide-y divide-slate-100" aria-label={t('party.members', { count: mine.length })}>
                      {mine.map((m) => {
                        const removal = answerOf(`removeMember:${m.memberId}`);
                        return (
                          <li key={m.memberId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="party-member">
                            <span className="font-medium text-slate-900">{m.nameHint}</span>
                            <span className="text-slate-600">{t(`party.memberKinds.${m.kind}` as 'party.memberKinds.local')}</span>
                            {service.byMember[m.memberId] ? <span className="text-slate-600">{t('party.memberService', { year: service.year, hours: hours(service.byMember[m.memberId]!) })}</span> : null}
                            {m.kind === 'reporting' ? (
                              <>
                                <span className="text-slate-600">{m.workUnit}</span>
                                <span className={m.reportedOn ? 'text-emerald-700' : 'text-amber-700'}>{m.reportedOn ? t('party.reportedAt', { date: date(m.reportedOn) }) : t('party.notReported')}</span>
                              </>
                            ) : null}
                            {canEdit ? (
                              <Form method="post" noValidate className="ml-auto">
                                <CsrfInput />
                                <input type="hidden" name="memberId" value={m.memberId} />
                                <Button type="submit" name="intent" value="removeMember" size="sm" variant="secondary" disabled={busy}>
                                  {t('party.remove')}
                                </Button>
                              </Form>
                            ) : null}
                            {removal?.top ? <Alert tone="error" className="w-full">{removal.top}</Alert> : null}
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                  {canEdit ? (
                    <details className="rounded-md border border-slate-200 p-3" open={add ? true : undefined}>
                      <summary className="cursor-pointer text-brand-700">{t('party.addMember')}</summary>
                      <Form {...check(`addMember:${o.id}`)} method="post" noValidate className="mt-3 grid gap-2 sm:grid-cols-2" key={add ? JSON.stringify(add.typed) : 'empty'}>
                        <CsrfInput />
                        <input type="hidden" name="orgId" value={o.id} />
                        {add?.top ? <Alert tone="error" className="sm:col-span-2">{add.top}</Alert> : null}
                        <Field id={`${o.id}-person`} label={t('party.person')} hint={t('party.personHint')} error={fieldError(`addMember:${o.id}`, 'person', add)}>
                          <Input name="person" inputMode="numeric" autoComplete="off" maxLength={40} defaultValue={add?.typed.person ?? ''} className="h-9 text-sm" />
                        </Field>
                        <Field id={`${o.id}-kind`} label={t('party.memberKind')} error={fieldError(`addMember:${o.id}`, 'kind', add)}>
                          <Select name="kind" size="sm" defaultValue={add?.typed.kind ?? 'local'} options={(['local', 'reporting'] as const).map((k) => ({ value: k, label: t(`party.memberKinds.${k}`) }))} />
                        </Field>
                        <Field id={`${o.id}-work-unit`} label={t('party.workUnit')} error={fieldError(`addMember:${o.id}`, 'workUnit', add)}>
                          <Input name="workUnit" maxLength={60} defaultValue={add?.typed.workUnit ?? ''} className="h-9 text-sm" />
                        </Field>
                        <Field id={`${o.id}-reported`} label={t('party.reportedOn')} error={fieldError(`addMember:${o.id}`, 'reportedOn', add)}>
                          <DateInput name="reportedOn" size="sm" defaultValue={add?.typed.reportedOn ?? ''} />
                        </Field>
                        <FormFoot className="sm:col-span-2" intent="addMember" size="sm">
                          {t('party.add')}
                        </FormFoot>
                      </Form>
                    </details>
                  ) : null}
                </CardBody>
              </Card>
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <CardSection title={t('party.newOrg')}>
          <Form {...check('createOrg')} method="post" noValidate className="grid gap-2 sm:grid-cols-2" key={newOrg ? JSON.stringify(newOrg.typed) : 'empty'} data-testid="new-party-org">
            <CsrfInput />
            {newOrg?.top ? <Alert tone="error" className="sm:col-span-2">{newOrg.top}</Alert> : null}
            <Field id="party-kind" label={t('party.kind')} error={fieldError('createOrg', 'kind', newOrg)}>
              <Select name="kind" size="sm" defaultValue={newOrg?.typed.kind ?? (orgs.length ? 'branch' : 'general_branch')} options={(['general_branch', 'branch', 'grid_group'] as const).map((k) => ({ value: k, label: kindName(k) }))} />
            </Field>
            <Field id="party-name" label={t('party.name')} error={fieldError('createOrg', 'name', newOrg)}>
              <Input name="name" maxLength={40} defaultValue={newOrg?.typed.name ?? ''} className="h-9 text-sm" />
            </Field>
            <Field id="party-parent" label={t('party.parent')} error={fieldError('createOrg', 'parentId', newOrg)}>
              <Select name="parentId" size="sm" defaultValue={newOrg?.typed.parentId ?? ''} placeholder="—" options={optionsOf(orgs.filter((o) => o.kind !== 'grid_group').map((o) => ({ id: o.id, name: `${kindName(o.kind)} · ${o.name}` })))} />
            </Field>
            <Field id="party-grid" label={t('party.gridField')} error={fieldError('createOrg', 'gridId', newOrg)}>
              <Select name="gridId" size="sm" defaultValue={newOrg?.typed.gridId ?? ''} placeholder="—" options={optionsOf(grids)} />
            </Field>
            <FormFoot className="sm:col-span-2" intent="createOrg" size="sm">
              {t('party.create')}
            </FormFoot>
          </Form>
        </CardSection>
      ) : null}
    </div>
  );
}
