import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REJECT_REASONS } from '@shequ/domain';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { CheckboxGroup } from '../ui/checkbox-group.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { ActionField, ActionForm, ActionPanel } from './action-form.tsx';

type Option = { id: string; name: string };
export type CaseActionsProps = {
  allowed: string[];
  assigneeId?: string | null;
  assignees?: (Option & { role: string })[];
  templates?: { id: string; title: string; body: string }[];
  /** Departments a street may forward to. */
  departments?: Option[];
};

/** Actions that hand the case on or end it: each asks before it is sent. */
const CONFIRMED = ['resolve', 'close', 'reject', 'merge', 'escalate', 'forward', 'return', 'sendBack', 'supervise'] as const;
type Confirmed = (typeof CONFIRMED)[number];

/**
 * Every action the server would accept now, each in its own labelled panel with its own form (the server checks
 * again). The ones that move the case on first: on a phone the next step is the first thing under the case.
 */
export function CaseActions({ allowed, assigneeId, assignees = [], templates = [], departments = [] }: CaseActionsProps) {
  const { t } = useTranslation();
  const can = (a: string) => allowed.includes(a);
  const confirm = (intent: Confirmed, label: string) => ({ title: t('cases.detail.confirmTitle', { action: label }), description: t(`cases.detail.confirmHints.${intent}`) });
  const body = (intent: string, label: string, { rows = 2, required = true, max = 500, placeholder }: { rows?: number; required?: boolean; max?: number; placeholder?: string } = {}) => (
    <ActionField field="body" id={`${intent}-body`} label={label} optional={required ? undefined : t('ui.optional')}>
      <Textarea name="body" rows={rows} required={required} maxLength={max} placeholder={placeholder} />
    </ActionField>
  );
  // One labelled panel with its form for an action the server allows now; the ones that hand the case on or end it ask first.
  const panel = (intent: string, title: string, { variant, hint, children }: { variant?: 'primary' | 'danger'; hint?: string; children?: ReactNode } = {}) =>
    can(intent) ? (
      <ActionPanel title={title} hint={hint}>
        <ActionForm intent={intent} label={title} variant={variant} confirm={CONFIRMED.includes(intent as Confirmed) ? confirm(intent as Confirmed, title) : undefined}>
          {children}
        </ActionForm>
      </ActionPanel>
    ) : null;
  if (!allowed.length) return null;
  return (
    <div className="space-y-3" data-testid="case-actions">
      <h2 className="text-base font-semibold text-slate-900">{t('cases.detail.actions')}</h2>
      {panel('accept', t('cases.detail.accept'), { variant: 'primary' })}
      {panel('approve', t('cases.detail.approve'), { variant: 'primary' })}
      {panel('reply', t('cases.detail.reply'), {
        hint: t('cases.detail.replyPlaceholder'),
        children: (
          <>
            {templates.length ? (
              <Field id="reply-template" label={t('settings.useTemplate')}>
                <Select
                  size="sm"
                  defaultValue=""
                  placeholder="—"
                  options={templates.map((x) => ({ value: x.id, label: x.title }))}
                  onChange={(e) => {
                    const area = e.currentTarget.form?.elements.namedItem('body') as HTMLTextAreaElement | null;
                    const tpl = templates.find((x) => x.id === e.currentTarget.value);
                    if (area && tpl) area.value = tpl.body;
                  }}
                />
              </Field>
            ) : null}
            {body('reply', t('cases.detail.replyBody'), { rows: 3, max: 2000 })}
          </>
        ),
      })}
      {panel('resolve', t('cases.detail.resolve'), { variant: 'primary', children: body('resolve', t('cases.detail.resolution'), { rows: 3, max: 2000 }) })}
      {panel('forward', t('cases.detail.forward'), {
        variant: 'primary',
        children: (
          <>
            <ActionField field="leadDepartmentId" id="forward-lead" label={t('cases.detail.leadDepartment')}>
              <Select name="leadDepartmentId" required size="sm" placeholder="—" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            </ActionField>
            <CheckboxGroup name="coDepartmentIds" legend={t('cases.detail.coDepartments')} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            {body('forward', t('cases.detail.forwardNote'), { required: false })}
          </>
        ),
      })}
      {panel('escalate', t('cases.detail.escalate'), { children: body('escalate', t('cases.detail.escalateReason')) })}
      {panel('sendBack', t('cases.detail.sendBack'), { children: body('sendBack', t('cases.detail.sendBackReason')) })}
      {panel('return', t('cases.detail.returnCase'), { children: body('return', t('cases.detail.returnReason')) })}
      {panel('supervise', t('cases.detail.supervise'), { variant: 'primary', children: body('supervise', t('cases.detail.supervisionNote')) })}
      {panel('assign', t('cases.detail.assign'), {
        children: (
          <>
            <ActionField field="assigneeId" id="assign-to" label={t('cases.detail.assignTo')}>
              <Select
                name="assigneeId"
                size="sm"
                defaultValue={assigneeId ?? ''}
                placeholder={t('cases.detail.unassigned')}
                options={assignees.map((a) => ({ value: a.id, label: `${a.name}（${t(`roles.${a.role}` as 'roles.grid_worker')}）` }))}
              />
            </ActionField>
          </>
        ),
      })}
      {panel('requestInfo', t('cases.detail.requestInfo'), { children: body('requestInfo', t('cases.detail.question')) })}
      {panel('followUp', t('cases.detail.followUp'), {
        children: (
          <>
            <ActionField field="rating" id="followUp-rating" label={t('cases.detail.followUpRating')}>
              <Select name="rating" required size="sm" options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: '★'.repeat(n) }))} />
            </ActionField>
            {body('followUp', t('cases.detail.followUpComment'), { required: false })}
          </>
        ),
      })}
      {panel('note', t('cases.detail.note'), { hint: t('cases.detail.notePlaceholder'), children: body('note', t('cases.detail.noteBody'), { max: 2000 }) })}
      {panel('merge', t('cases.detail.merge'), {
        children: (
          <>
            <ActionField field="targetCode" id="merge-target" label={t('cases.detail.mergeTarget')}>
              <Input name="targetCode" required maxLength={20} className="h-9 font-mono text-sm" />
            </ActionField>
          </>
        ),
      })}
      {panel('reject', t('cases.detail.reject'), {
        variant: 'danger',
        children: (
          <>
            <ActionField field="reason" id="reject-reason" label={t('cases.detail.rejectReason')}>
              <Select name="reason" required size="sm" options={REJECT_REASONS.map((r) => ({ value: r, label: t(`resident.rejectReasons.${r}`) }))} />
            </ActionField>
            {body('reject', t('cases.detail.rejectNote'), { required: false })}
          </>
        ),
      })}
      {panel('close', t('cases.detail.close'))}
    </div>
  );
}
