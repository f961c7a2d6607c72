import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { FieldError } from '~/components/ui/field.tsx';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listCareConflicts, resolveCareConflict } from '@shequ/use-cases';
import { resolveCareConflictSchema } from '@shequ/use-cases/schemas';
import { CareTabs } from '~/components/care/care-tabs.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';
import { replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { keepPageOnNetworkLoss, skipAfterNetworkLoss } from '~/lib/network-loss.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { careCaller, minuteText, replyInvalidCare } from './care.server.ts';

export const meta = pageTitle('care.conflicts.title');

/** A post whose network drops on the way keeps the page and what was typed in its forms (lib/network-loss.ts). */
export const clientAction = keepPageOnNetworkLoss;
export const shouldRevalidate = skipAfterNetworkLoss();

/**
 * The conflict list (issue 20): offline edits of a person that found the record changed on the server, for the
 * office and 社工 (manage CareRoster; a grid worker is refused: 403) to settle field by field — keep the server's
 * value or take the phone's. Nothing is overwritten until someone chooses.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const { conflicts } = await runAsStaff(caller, (tx) => listCareConflicts(tx, caller));
  return { conflicts: conflicts.map((c) => ({ ...c, editedAt: minuteText(c.editedAt) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, resolveCareConflictSchema, 'community');
  const caller = { actor, ability };
  if (submission.status !== 'success') return replyInvalidCare(submission, String(submission.payload.id ?? ''));
  const v = submission.value;
  const done = await actAsStaff(caller, (tx) => resolveCareConflict(tx, caller, v));
  return done.ok ? withToast(replySaved(v.id), 'care.conflictResolved') : replyRefused(v.id, done.error, undefined, { fields: { unit: 'unit', room: 'room', note: 'note' } });
}

export default function CareConflictsPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { submit, err, value } = useReply(answer);
  // Settled meanwhile (another tab, another member of staff): who settled it, when, and what was chosen — its card is gone.
  const settled = answer && 'error' in answer && answer.error === 'refusals.care.conflict.settled' ? answer.params : null;
  const fieldNames = (list: unknown) =>
    String(list ?? '')
      .split(',')
      .filter(Boolean)
      .map((f) => tt(`care.conflicts.fields.${f}`))
      .join('、') || t('care.conflicts.none');
  const shown = (v: string | null) => (v === null || v === '' ? t('care.conflicts.empty_value') : v);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('care.conflicts.title')} description={t('care.conflicts.intro')} />
      <CareTabs />
      {settled ? (
        <Alert tone="info" data-testid="care-conflict-settled">
          {t('care.conflicts.settled', { by: String(settled.by || '—'), at: String(settled.at ?? ''), mine: fieldNames(settled.mine), theirs: fieldNames(settled.theirs) })}
        </Alert>
      ) : null}
      {page.conflicts.length === 0 ? <EmptyState title={t('care.conflicts.empty')} /> : null}
      <ul className="space-y-3" data-testid="care-conflicts">
        {page.conflicts.map((c) => (
          <li key={c.id}>
            <Card data-testid="care-conflict">
              <CardBody className="space-y-3">
                <p className="text-sm font-medium text-slate-800" data-testid="care-conflict-person">
                  {t('care.conflicts.row', { name: c.nameHint, by: c.editedBy ?? '—', at: c.editedAt })}
                </p>
                <PostForm hiddenFields={{ id: c.id }} className="space-y-3">
                  {c.fields.map((f) => (
                    <fieldset
                      key={f.field}
                      className="space-y-2 rounded-md border border-slate-200 p-3 text-sm"
                      aria-describedby={err(c.id, f.field) ? `${c.id}-${f.field}-error` : undefined}
                      data-testid={`care-conflict-field-${f.field}`}
                    >
                      <legend className="px-1 font-medium">{tt(`care.conflicts.fields.${f.field}`)}</legend>
                      <p className="text-xs text-slate-500">
                        {t('care.conflicts.base')}：{shown(f.base)}
                      </p>
                      <label className="flex min-h-11 cursor-pointer items-start gap-2">
                        <input type="radio" name={f.field} value="theirs" defaultChecked={value(c.id, f.field) === 'theirs'} className="mt-1 h-4 w-4" />
                        <span className="break-words">
                          {t('care.conflicts.keepTheirs')}：<strong>{shown(f.theirs)}</strong>
                        </span>
                      </label>
                      <label className="flex min-h-11 cursor-pointer items-start gap-2">
                        <input type="radio" name={f.field} value="mine" defaultChecked={value(c.id, f.field) === 'mine'} className="mt-1 h-4 w-4" />
                        <span className="break-words">
                          {t('care.conflicts.takeMine')}：<strong>{shown(f.mine)}</strong>
                        </span>
                      </label>
                      <FieldError id={`${c.id}-${f.field}-error`}>{err(c.id, f.field)}</FieldError>
                    </fieldset>
                  ))}
                  {c.applied.length ? (
                    <p className="text-sm text-slate-600" data-testid="care-conflict-applied">
                      {t('care.conflicts.applied', { fields: c.applied.map((a) => `${tt(`care.conflicts.fields.${a.field}`)}（${shown(a.mine)}）`).join('、') })}
                    </p>
                  ) : null}
                  {submit(c.id, t('care.conflicts.resolve'), { size: 'sm', testId: 'care-conflict-resolve' })}
                </PostForm>
              </CardBody>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
