import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react';
import { getZodConstraint } from '@conform-to/zod';
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isMessageKey } from '~/lib/i18n.ts';
import { inviteUnitAccountSchema, unitAccountsFormSchema } from '@shequ/use-cases/schemas';
import { Alert, FormError } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { FormFoot, useReply } from '~/lib/form-reply.tsx';
import { Card, CardBody, CardHeader, CardSection, CardTitle } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field, FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { useErrorText } from '~/lib/error-text.ts';
import type { unitAccountsAction, unitAccountsLoader } from '~/routes/operator+/accounts.server.ts';
import { parseForm } from '~/lib/parse-form.ts';
import { PostButton, PostForm } from '~/components/ui/post-form.tsx';

/**
 * The unit accounts page, shared by the operators' and the district officers' consoles: pick a unit, see its
 * officers (or a community's admins) and the invitations sent, invite someone by mobile, change a role, remove
 * one, issue a new link. Every button is there only when the server said the action is allowed for that row.
 */
export function UnitAccountsPage() {
  const { t, i18n } = useTranslation();
  const { units, page } = useLoaderData<typeof unitAccountsLoader>();
  const actionData = useActionData<typeof unitAccountsAction>();
  const busy = useNavigation().state !== 'idle';
  const submit = useSubmit();
  const tr = useErrorText();
  const outcome = actionData?.outcome ?? null;
  const [form, fields] = useForm({
    id: `invite-${page?.unit.id ?? 'none'}`,
    lastResult: actionData?.intent === 'invite' ? actionData.result : undefined,
    constraint: getZodConstraint(inviteUnitAccountSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseForm(formData, inviteUnitAccountSchema),
    defaultValue: { role: page?.inviteRoles[0] },
  });
  // A row's role change is checked in the browser with the action's schema (a role to choose): one it refuses is not sent.
  const { err, check, sent } = useReply(actionData, unitAccountsFormSchema);
  const rowError = actionData && actionData.intent !== 'invite' && actionData.result && 'error' in actionData.result ? actionData.result.error?.[''] : null;
  const kindLabel = (kind: string) => {
    const key = `orgKinds.${kind}`;
    return isMessageKey(i18n, key) ? String(t(key)) : kind;
  };
  const unitLabel = (u: { kind: string; name: string }) => `${kindLabel(u.kind)} · ${u.name}`;

  return (
    <div className="space-y-4">
      <PageHeader title={t('accounts.title')} description={t('accounts.intro')} />
      <Card>
        <CardBody>
          <Form noValidate method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <Field id="accounts-unit" label={t('accounts.unit')} className="flex-1">
              <Select
                name="unit"
                defaultValue={page?.unit.id ?? ''}
                placeholder={t('accounts.chooseUnit')}
                options={units.map((u) => ({ value: u.id, label: unitLabel(u) }))}
                onChange={(e) => e.currentTarget.value && submit(e.currentTarget.form)}
              />
            </Field>
            <Button type="submit" variant="secondary">
              {t('accounts.view')}
            </Button>
          </Form>
        </CardBody>
      </Card>

      {outcome ? (
        <Alert tone="success">
          <p>{outcome.kind === 'promoted' ? t('accounts.promotionInvited') : outcome.kind === 'reissued' ? t('accounts.reissued', { name: outcome.name }) : t('accounts.invited', { name: outcome.name })}</p>
          {outcome.existingAccount && outcome.kind === 'invited' ? <p className="text-sm">{t('accounts.invitedExisting')}</p> : null}
          <input
            readOnly
            value={outcome.link}
            aria-label={t('accounts.inviteLink')}
            data-testid="invite-link"
            className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
        </Alert>
      ) : null}
      {!sent && rowError?.length ? <Alert tone="error">{tr(rowError[0])}</Alert> : null}

      {!page ? (
        <EmptyState title={t('accounts.chooseUnit')} />
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{t('accounts.membersOf', { unit: page.unit.name, roles: page.inviteRoles.map((r) => t(`roles.${r}`)).join('、') })}</CardTitle>
            </CardHeader>
            <DataTable
              rows={page.members}
              rowKey={(m) => m.membershipId}
              empty={t('common.empty')}
              initialSort={{ id: 'name' }}
              data-testid="unit-members"
              columns={[
                { id: 'name', header: t('accounts.name'), label: t('accounts.name'), sortValue: (m) => m.displayName, className: 'font-medium text-slate-900', cell: (m) => `${m.displayName}${m.you ? t('accounts.you') : ''}` },
                { id: 'role', header: t('accounts.role'), label: t('accounts.role'), cell: (m) => t(`roles.${m.role}`) },
                { id: 'contact', header: t('accounts.contact'), label: t('accounts.contact'), className: 'tabular-nums text-slate-500', cell: (m) => m.contact ?? '—' },
                {
                  id: 'actions',
                  header: t('accounts.actions'),
                  label: t('accounts.actions'),
                  cell: (m) =>
                    m.removeRefusal ? (
                      <span className="text-xs text-slate-500">{t(`accounts.refusals.${m.removeRefusal}`)}</span>
                    ) : (
                      <div className="flex flex-wrap items-center gap-2">
                        {m.roleChoices.length ? (
                          <PostForm {...check(`changeRole:${m.membershipId}`)} hiddenFields={{ membershipId: m.membershipId }} className="flex flex-wrap items-center gap-2">
                            <Select size="sm" name="role" aria-label={`${t('accounts.changeTo')}：${m.displayName}`} aria-describedby={`role-${m.membershipId}-error`} options={m.roleChoices.map((r) => ({ value: r, label: t(`roles.${r}`) }))} className="w-32" />
                            <Button name="intent" value="changeRole" variant="secondary" size="sm" disabled={busy}>
                              {t('accounts.changeSubmit')}
                            </Button>
                            <FieldError id={`role-${m.membershipId}-error`}>{err(`changeRole:${m.membershipId}`, 'role')}</FieldError>
                          </PostForm>
                        ) : null}
                        <PostForm hiddenFields={{ membershipId: m.membershipId }}>
                          <ConfirmButton
                            name="intent"
                            value="remove"
                            variant="danger"
                            size="sm"
                            disabled={busy}
                            title={t('accounts.removeTitle', { name: m.displayName, role: t(`roles.${m.role}`) })}
                            description={t('accounts.removeDescription', { unit: page.unit.name })}
                            data-testid={`remove-${m.membershipId}`}
                          >
                            {t('accounts.remove')}
                          </ConfirmButton>
                        </PostForm>
                      </div>
                    ),
                },
              ]}
            />
          </Card>

          <CardSection title={t('accounts.inviteTitle')} intro={t('accounts.inviteHint')}>
            <FormError errors={form.errors} tr={tr} className="mb-3" />
            <PostForm hiddenFields={{ orgUnitId: page.unit.id }} {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3">
              <Field id={fields.name.id} label={t('accounts.name')} error={tr(fields.name.errors?.[0])}>
                <Input {...getInputProps(fields.name, { type: 'text' })} key={fields.name.key} autoComplete="off" />
              </Field>
              <Field id={fields.mobile.id} label={t('accounts.contact')} error={tr(fields.mobile.errors?.[0])}>
                <Input {...getInputProps(fields.mobile, { type: 'tel' })} key={fields.mobile.key} inputMode="tel" autoComplete="off" />
              </Field>
              <Field id={fields.role.id} label={t('accounts.role')} error={tr(fields.role.errors?.[0])}>
                <Select {...getSelectProps(fields.role)} key={fields.role.key} options={page.inviteRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
              </Field>
              <FormFoot className="sm:col-span-3" intent="invite">
                {t('accounts.inviteSubmit')}
              </FormFoot>
            </PostForm>
          </CardSection>

          <Card>
            <CardHeader>
              <CardTitle>{t('accounts.invitationsTitle')}</CardTitle>
            </CardHeader>
            <DataTable
              rows={page.invitations}
              rowKey={(i) => i.id}
              empty={t('accounts.noInvitations')}
              data-testid="unit-invitations"
              columns={[
                { id: 'name', header: t('accounts.name'), label: t('accounts.name'), cell: (i) => i.inviteeName },
                { id: 'role', header: t('accounts.role'), label: t('accounts.role'), cell: (i) => t(`roles.${i.role}`) },
                { id: 'contact', header: t('accounts.contact'), label: t('accounts.contact'), className: 'tabular-nums text-slate-500', cell: (i) => i.mobile ?? '—' },
                { id: 'status', header: t('accounts.status'), label: t('accounts.status'), cell: (i) => t(`staff.invitation.${i.status}`) },
                {
                  id: 'actions',
                  header: t('accounts.actions'),
                  label: t('accounts.actions'),
                  cell: (i) =>
                    i.status === 'pending' || i.status === 'expired' ? (
                      <PostButton intent="reissue" hiddenFields={{ invitationId: i.id }} variant="secondary" busy={busy} aria-label={`${t('accounts.reissue')}：${i.inviteeName}`}>
                        {t('accounts.reissue')}
                      </PostButton>
                    ) : null,
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
