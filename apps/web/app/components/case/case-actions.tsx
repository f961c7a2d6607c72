import { useTranslation } from 'react-i18next';
import { REJECT_REASONS } from '@shequ/domain';
import { Field } from '../ui/field.tsx';
import { Input } from '../ui/input.tsx';
import { Select } from '../ui/select.tsx';
import { CheckboxGroup } from '../ui/checkbox-group.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { ActionForm, ActionPanel } from './action-form.tsx';

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
type Confirmed = 'resolve' | 'close' | 'reject' | 'merge' | 'escalate' | 'forward' | 'return' | 'sendBack' | 'supervise';

/**
 * Every action the server would accept now, each in its own labelled panel with its own form (the server checks
 * again). The ones that move the case on first: on a phone the next step is the first thing under the case.
 */
export function CaseActions({ allowed, assigneeId, assignees = [], templates = [], departments = [] }: CaseActionsProps) {
  const { t } = useTranslation();
  const can = (a: string) => allowed.includes(a);
  const confirm = (intent: Confirmed, label: string) => ({ title: t('cases.detail.confirmTitle', { action: label }), description: t(`cases.detail.confirmHints.${intent}`) });
  const body = (intent: string, label: string, { rows = 2, required = true, max = 500, placeholder }: { rows?: number; required?: boolean; max?: number; placeholder?: string } = {}) => (
    <Field id={`${intent}-body`} label={label} optional={required ? undefined : t('ui.optional')}>
      <Textarea name="body" rows={rows} required={required} maxLength={max} placeholder={placeholder} />
    </Field>
  );
  if (!allowed.length) return null;
  return (
    <div className="space-y-3" data-testid="case-actions">
      <h2 className="text-base font-semibold text-slate-900">{t('cases.detail.actions')}</h2>
      {can('accept') ? (
        <ActionPanel title={t('cases.detail.accept')}>
          <ActionForm intent="accept" label={t('cases.detail.accept')} variant="primary" />
        </ActionPanel>
      ) : null}
      {can('approve') ? (
        <ActionPanel title={t('cases.detail.approve')}>
          <ActionForm intent="approve" label={t('cases.detail.approve')} variant="primary" />
        </ActionPanel>
      ) : null}
      {can('reply') ? (
        <ActionPanel title={t('cases.detail.reply')} hint={t('cases.detail.replyPlaceholder')}>
          <ActionForm intent="reply" label={t('cases.detail.reply')}>
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
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('resolve') ? (
        <ActionPanel title={t('cases.detail.resolve')}>
          <ActionForm intent="resolve" label={t('cases.detail.resolve')} variant="primary" confirm={confirm('resolve', t('cases.detail.resolve'))}>
            {body('resolve', t('cases.detail.resolution'), { rows: 3, max: 2000 })}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('forward') ? (
        <ActionPanel title={t('cases.detail.forward')}>
          <ActionForm intent="forward" label={t('cases.detail.forward')} variant="primary" confirm={confirm('forward', t('cases.detail.forward'))}>
            <Field id="forward-lead" label={t('cases.detail.leadDepartment')}>
              <Select name="leadDepartmentId" required size="sm" placeholder="—" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Field>
            <CheckboxGroup name="coDepartmentIds" legend={t('cases.detail.coDepartments')} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            {body('forward', t('cases.detail.forwardNote'), { required: false })}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('escalate') ? (
        <ActionPanel title={t('cases.detail.escalate')}>
          <ActionForm intent="escalate" label={t('cases.detail.escalate')} confirm={confirm('escalate', t('cases.detail.escalate'))}>
            {body('escalate', t('cases.detail.escalateReason'))}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('sendBack') ? (
        <ActionPanel title={t('cases.detail.sendBack')}>
          <ActionForm intent="sendBack" label={t('cases.detail.sendBack')} confirm={confirm('sendBack', t('cases.detail.sendBack'))}>
            {body('sendBack', t('cases.detail.sendBackReason'))}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('return') ? (
        <ActionPanel title={t('cases.detail.returnCase')}>
          <ActionForm intent="return" label={t('cases.detail.returnCase')} confirm={confirm('return', t('cases.detail.returnCase'))}>
            {body('return', t('cases.detail.returnReason'))}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('supervise') ? (
        <ActionPanel title={t('cases.detail.supervise')}>
          <ActionForm intent="supervise" label={t('cases.detail.supervise')} variant="primary" confirm={confirm('supervise', t('cases.detail.supervise'))}>
            {body('supervise', t('cases.detail.supervisionNote'))}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('assign') ? (
        <ActionPanel title={t('cases.detail.assign')}>
          <ActionForm intent="assign" label={t('cases.detail.assign')}>
            <Field id="assign-to" label={t('cases.detail.assignTo')}>
              <Select
                name="assigneeId"
                size="sm"
                defaultValue={assigneeId ?? ''}
                placeholder={t('cases.detail.unassigned')}
                options={assignees.map((a) => ({ value: a.id, label: `${a.name}（${t(`roles.${a.role}` as 'roles.grid_worker')}）` }))}
              />
            </Field>
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('requestInfo') ? (
        <ActionPanel title={t('cases.detail.requestInfo')}>
          <ActionForm intent="requestInfo" label={t('cases.detail.requestInfo')}>
            {body('requestInfo', t('cases.detail.question'))}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('followUp') ? (
        <ActionPanel title={t('cases.detail.followUp')}>
          <ActionForm intent="followUp" label={t('cases.detail.followUp')}>
            <Field id="followUp-rating" label={t('cases.detail.followUpRating')}>
              <Select name="rating" required size="sm" options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: '★'.repeat(n) }))} />
            </Field>
            {body('followUp', t('cases.detail.followUpComment'), { required: false })}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('note') ? (
        <ActionPanel title={t('cases.detail.note')} hint={t('cases.detail.notePlaceholder')}>
          <ActionForm intent="note" label={t('cases.detail.note')}>
            {body('note', t('cases.detail.noteBody'), { max: 2000 })}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('merge') ? (
        <ActionPanel title={t('cases.detail.merge')}>
          <ActionForm intent="merge" label={t('cases.detail.merge')} confirm={confirm('merge', t('cases.detail.merge'))}>
            <Field id="merge-target" label={t('cases.detail.mergeTarget')}>
              <Input name="targetCode" required maxLength={20} className="h-9 font-mono text-sm" />
            </Field>
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('reject') ? (
        <ActionPanel title={t('cases.detail.reject')}>
          <ActionForm intent="reject" label={t('cases.detail.reject')} variant="danger" confirm={confirm('reject', t('cases.detail.reject'))}>
            <Field id="reject-reason" label={t('cases.detail.rejectReason')}>
              <Select name="reason" required size="sm" options={REJECT_REASONS.map((r) => ({ value: r, label: t(`resident.rejectReasons.${r}`) }))} />
            </Field>
            {body('reject', t('cases.detail.rejectNote'), { required: false })}
          </ActionForm>
        </ActionPanel>
      ) : null}
      {can('close') ? (
        <ActionPanel title={t('cases.detail.close')}>
          <ActionForm intent="close" label={t('cases.detail.close')} confirm={confirm('close', t('cases.detail.close'))} />
        </ActionPanel>
      ) : null}
    </div>
  );
}
