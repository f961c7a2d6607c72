import { useTranslation } from 'react-i18next';
import { REJECT_REASONS } from '@shequ/domain';
import { Card, CardBody } from '../ui/card.tsx';
import { ActionForm, selectClass, textareaClass } from './action-form.tsx';

type Option = { id: string; name: string };
export type CaseActionsProps = {
  allowed: string[];
  assigneeId?: string | null;
  assignees?: (Option & { role: string })[];
  templates?: { id: string; title: string; body: string }[];
  /** Departments a street may forward to. */
  departments?: Option[];
};

/** Every action the server would accept now, each as its own form (the server checks again). */
export function CaseActions({ allowed, assigneeId, assignees = [], templates = [], departments = [] }: CaseActionsProps) {
  const { t } = useTranslation();
  const can = (a: string) => allowed.includes(a);
  const text = (label: string, rows = 3, required = true, max = 2000, placeholder = label) => (
    <textarea name="body" rows={rows} required={required} maxLength={max} placeholder={placeholder} aria-label={label} className={textareaClass} />
  );
  if (!allowed.length) return null;
  return (
    <Card>
      <CardBody className="space-y-4" data-testid="case-actions">
        {can('accept') ? <ActionForm intent="accept" label={t('cases.detail.accept')} variant="primary" /> : null}
        {can('approve') ? <ActionForm intent="approve" label={t('cases.detail.approve')} variant="primary" /> : null}
        {can('assign') ? (
          <ActionForm intent="assign" label={t('cases.detail.assign')}>
            <label className="block text-sm text-slate-600">
              {t('cases.detail.assignTo')}
              <select name="assigneeId" defaultValue={assigneeId ?? ''} className={selectClass}>
                <option value="">{t('cases.detail.unassigned')}</option>
                {assignees.map((a) => (
                  <option key={a.id + a.role} value={a.id}>
                    {a.name}（{t(`roles.${a.role}` as never)}）
                  </option>
                ))}
              </select>
            </label>
          </ActionForm>
        ) : null}
        {can('reply') ? (
          <ActionForm intent="reply" label={t('cases.detail.reply')}>
            {templates.length ? (
              <select
                aria-label={t('settings.useTemplate')}
                defaultValue=""
                onChange={(e) => {
                  const area = e.currentTarget.form?.elements.namedItem('body') as HTMLTextAreaElement | null;
                  const tpl = templates.find((x) => x.id === e.currentTarget.value);
                  if (area && tpl) area.value = tpl.body;
                }}
                className="block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
              >
                <option value="">{t('settings.useTemplate')}</option>
                {templates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title}
                  </option>
                ))}
              </select>
            ) : null}
            <textarea name="body" rows={3} required maxLength={2000} placeholder={t('cases.detail.replyPlaceholder')} aria-label={t('cases.detail.reply')} className={textareaClass} />
          </ActionForm>
        ) : null}
        {can('resolve') ? (
          <ActionForm intent="resolve" label={t('cases.detail.resolve')} variant="primary">
            {text(t('cases.detail.resolution'))}
          </ActionForm>
        ) : null}
        {can('forward') ? (
          <ActionForm intent="forward" label={t('cases.detail.forward')} variant="primary">
            <label className="block text-sm text-slate-600">
              {t('cases.detail.leadDepartment')}
              <select name="leadDepartmentId" required className={selectClass}>
                <option value="">—</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="text-sm text-slate-600">
              <legend>{t('cases.detail.coDepartments')}</legend>
              {departments.map((d) => (
                <label key={d.id} className="mr-3 inline-flex items-center gap-1">
                  <input type="checkbox" name="coDepartmentIds" value={d.id} /> {d.name}
                </label>
              ))}
            </fieldset>
            {text(t('cases.detail.forwardNote'), 2, false, 500)}
          </ActionForm>
        ) : null}
        {can('sendBack') ? (
          <ActionForm intent="sendBack" label={t('cases.detail.sendBack')}>
            {text(t('cases.detail.sendBackReason'), 2, true, 500)}
          </ActionForm>
        ) : null}
        {can('escalate') ? (
          <ActionForm intent="escalate" label={t('cases.detail.escalate')}>
            {text(t('cases.detail.escalateReason'), 2, true, 500)}
          </ActionForm>
        ) : null}
        {can('return') ? (
          <ActionForm intent="return" label={t('cases.detail.returnCase')}>
            {text(t('cases.detail.returnReason'), 2, true, 500)}
          </ActionForm>
        ) : null}
        {can('requestInfo') ? (
          <ActionForm intent="requestInfo" label={t('cases.detail.requestInfo')}>
            {text(t('cases.detail.question'), 2, true, 500)}
          </ActionForm>
        ) : null}
        {can('supervise') ? (
          <ActionForm intent="supervise" label={t('cases.detail.supervise')} variant="primary">
            {text(t('cases.detail.supervisionNote'), 2, true, 500)}
          </ActionForm>
        ) : null}
        {can('followUp') ? (
          <ActionForm intent="followUp" label={t('cases.detail.followUp')}>
            <label className="block text-sm text-slate-600">
              {t('cases.detail.followUpRating')}
              <select name="rating" required className={selectClass}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            {text(t('cases.detail.followUpComment'), 2, false, 500)}
          </ActionForm>
        ) : null}
        {can('close') ? <ActionForm intent="close" label={t('cases.detail.close')} /> : null}
        {can('note') ? (
          <ActionForm intent="note" label={t('cases.detail.note')}>
            {text(t('cases.detail.note'), 2, true, 2000, t('cases.detail.notePlaceholder'))}
          </ActionForm>
        ) : null}
        {can('merge') ? (
          <ActionForm intent="merge" label={t('cases.detail.merge')}>
            <input name="targetCode" required maxLength={20} placeholder={t('cases.detail.mergeTarget')} aria-label={t('cases.detail.mergeTarget')} className={`${textareaClass} font-mono`} />
          </ActionForm>
        ) : null}
        {can('reject') ? (
          <ActionForm intent="reject" label={t('cases.detail.reject')}>
            <label className="block text-sm text-slate-600">
              {t('cases.detail.rejectReason')}
              <select name="reason" required className={selectClass}>
                {REJECT_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`resident.rejectReasons.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            {text(t('cases.detail.rejectNote'), 2, false, 500)}
          </ActionForm>
        ) : null}
      </CardBody>
    </Card>
  );
}
