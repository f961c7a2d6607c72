import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useErrorText } from '~/lib/error-text.ts';
import { useTranslation } from 'react-i18next';
import { ForbiddenError } from '@shequ/permissions';
import { calendarOverview, parseDateList, saveCalendarYear } from '@shequ/use-cases';
import { communitySlaPolicy, recomputeDeadlines, workingCalendar } from '@shequ/use-cases/deadlines';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardSection } from '~/components/ui/card.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { Label } from '~/components/ui/label.tsx';
import { Input } from '~/components/ui/input.tsx';
import { db, withMaintenance } from '~/lib/db.server.ts';
import { forbidden, guard } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { withOwnValues } from '~/lib/form-reply.server.ts';
import { enqueueDeadlineRecompute } from '~/lib/queues.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { saveCalendarSchema } from '@shequ/use-cases/schemas';
import { bodyTooLarge, FORM_OVERHEAD_BYTES, takesBodyUpTo } from '~/lib/body-limit.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('calendarAdmin.title');

/** The largest calendar file taken (a year's dates as JSON are about 1 KB). */
const CALENDAR_FILE_MAX_BYTES = 64 * 1024;

/** Bodies above this are answered without reading the form (decision 060): the file and the typed lists. */
export const handle = takesBodyUpTo(CALENDAR_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES);

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, ability } = await requireActor(request, 'operator');
  return guard(() => withMaintenance(actor, 'calendar', (tx) => calendarOverview(tx, { actor, ability })));
}

/**
 * What the page answers: `problems`, a refused year's problems (each message with its own values: the wrong dates
 * named) above the forms; `form` and `errors`, the typed form's problems beside its fields (useReply); `fileError`,
 * the file's own; `typed`, what the typed form sent; `saved`.
 */
type CalendarAnswer = {
  problems: string[] | null;
  fileError: 'calendarAdmin.errors.tooLarge' | 'calendarAdmin.errors.noFile' | 'calendarAdmin.errors.file' | null;
  saved: { year: number; n: number | null } | null;
  typed: { year: string; holidays: string; workdays: string } | null;
  form?: string;
  errors?: Record<string, string[]>;
};
const answer = (value: Partial<CalendarAnswer>, status: number) => data<CalendarAnswer>({ problems: null, fileError: null, saved: null, typed: null, ...value }, { status });

/**
 * Save a year typed in the form or uploaded as JSON (each its own form); then have the worker recompute what it
 * touches. The file has a form of its own: a file too large to read (413, the body is never read) takes no typed
 * list with it, and every answer to the typed form sends back what was typed, so no refusal loses the typing.
 * Every problem of a year is said at once, naming the wrong dates (it said one problem without naming them).
 */
export async function action({ request }: ActionFunctionArgs) {
  // Too large to read: only the file's form can be (the typed lists are far below the bound); its message beside it.
  if (bodyTooLarge(request, handle)) return answer({ fileError: 'calendarAdmin.errors.tooLarge' }, 413);
  const { actor, ability, submission } = await requireSubmission(request, saveCalendarSchema, 'operator');
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    // Refused by the schema (the browser says it first, beside the field; without JavaScript, here): no file beside
    // the file's field; a typed year's first problem at the top, with what was typed.
    if (submission.payload.intent === 'file') return answer({ fileError: 'calendarAdmin.errors.noFile' }, 400);
    const p = submission.payload;
    const sentBack = { year: String(p.year ?? ''), holidays: String(p.holidays ?? ''), workdays: String(p.workdays ?? '') };
    // Every problem beside its field, as the browser says them.
    const errors = Object.fromEntries(Object.entries(submission.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
    return answer({ typed: sentBack, form: 'typed', errors }, 400);
  }
  const { file, intent, ...typed } = submission.value;
  // What comes back to the typed form on a refusal: what it sent (the file's form sends no list: nothing to restore).
  const sentBack = intent === 'typed' ? typed : null;
  let input = { year: Number(typed.year), holidays: parseDateList(typed.holidays), workdays: parseDateList(typed.workdays) };
  if (intent === 'file') {
    if (!file || file.size === 0) return answer({ fileError: 'calendarAdmin.errors.noFile', typed: sentBack }, 400);
    try {
      if (file.size > CALENDAR_FILE_MAX_BYTES) return answer({ fileError: 'calendarAdmin.errors.tooLarge', typed: sentBack }, 413);
      const json = JSON.parse(await file.text()) as { year?: unknown; holidays?: unknown; workdays?: unknown };
      const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
      input = { year: Number(json.year), holidays: list(json.holidays), workdays: list(json.workdays) };
    } catch {
      return answer({ fileError: 'calendarAdmin.errors.file', typed: sentBack }, 400);
    }
  }
  try {
    await withMaintenance(actor, 'calendar', (tx) => saveCalendarYear(tx, { actor, ability }, input));
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      // Every problem of the year (a file's: each naming its dates), above the forms.
      return answer({ problems: error.all.map((one) => withOwnValues(describeRefusal(one).message, one.params)), typed: sentBack }, describeRefusal(error).status);
    }
    throw error;
  }
  try {
    await enqueueDeadlineRecompute(input.year);
    return withToast<CalendarAnswer>({ problems: null, fileError: null, saved: { year: input.year, n: null }, typed: null }, 'calendarSaved', { year: input.year });
  } catch {
    // No queue: recompute here rather than leave deadlines on the old calendar.
    const n = await recomputeDeadlines(db, input.year, async (communityId) => ({ calendar: await workingCalendar(db), policy: await communitySlaPolicy(db, communityId, null) }));
    return withToast<CalendarAnswer>({ problems: null, fileError: null, saved: { year: input.year, n }, typed: null }, 'calendarSaved', { year: input.year });
  }
}

const area = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm';

export default function CalendarPage() {
  const { t } = useTranslation();
  // The schema's messages may carry their bound (validation.tooLongMax?max=40) or be refusal codes: said in words.
  const tr = useErrorText();
  const { years, provisional, nextYear, nextYearMissing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const [params] = useSearchParams();
  // Both forms are checked in the browser with the action's schema: the typed year's problems beside their fields, a
  // missing file beside the file's field; a refused form is not sent.
  const { err, errs, check, sent } = useReply(result, saveCalendarSchema);
  const editing = years.find((y) => String(y.year) === params.get('year'));
  const typed = result?.typed ?? (editing ? { year: String(editing.year), holidays: editing.holidays.join('\n'), workdays: editing.workdays.join('\n') } : { year: String(nextYear), holidays: '', workdays: '' });
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t('calendarAdmin.title')} description={t('calendarAdmin.intro')} />
      {nextYearMissing ? (
        <Alert tone="warning" data-testid="calendar-missing">
          {t('calendarAdmin.missing', { year: nextYear })}
        </Alert>
      ) : null}
      {provisional ? <Alert tone="warning">{t('calendarAdmin.provisional', { count: provisional })}</Alert> : null}
      {!sent && result?.problems?.length ? (
        <Alert tone="error" data-testid="calendar-problems">
          {result.problems.map((m) => tr(m)).join(' ')}
        </Alert>
      ) : null}
      {result?.saved ? (
        <Alert tone="success" data-testid="calendar-saved">
          {result.saved.n === null ? t('calendarAdmin.saved', { year: result.saved.year }) : t('calendarAdmin.savedInline', { year: result.saved.year, n: result.saved.n })}
        </Alert>
      ) : null}
      <CardSection title={t('calendarAdmin.loaded')}>
        <DataTable
          rows={years}
          rowKey={(y) => String(y.year)}
          initialSort={{ id: 'year' }}
          columns={[
            { id: 'year', header: t('calendarAdmin.year'), cell: (y) => y.year, sortValue: (y) => y.year, className: 'font-medium tabular-nums' },
            { id: 'days', header: t('calendarAdmin.columns.days'), cell: (y) => t('calendarAdmin.days', { holidays: y.holidays.length, workdays: y.workdays.length }), className: 'text-slate-600' },
            { id: 'source', header: t('calendarAdmin.columns.source'), cell: (y) => t(`calendarAdmin.source.${y.source === 'official' ? 'official' : 'operator'}`), className: 'text-slate-500' },
            {
              id: 'edit',
              header: <span className="sr-only">{t('calendarAdmin.edit')}</span>,
              label: t('calendarAdmin.edit'),
              className: 'text-right',
              cell: (y) => (
                <a href={`?year=${y.year}`} className="text-brand-700 underline">
                  {t('calendarAdmin.edit')}
                </a>
              ),
            },
          ]}
        />
      </CardSection>
      <Card>
        <CardBody className="space-y-4">
          {/* A new form only when another year is opened for editing: an answer (a refusal of either form) never resets what is typed here. */}
          <PostForm {...check('typed')} hiddenFields={{ intent: 'typed' }} className="grid gap-3 sm:grid-cols-2" key={editing ? String(editing.year) : 'new'} data-testid="calendar-typed-form">
            <label className="text-sm text-slate-600 sm:col-span-2">
              {t('calendarAdmin.year')}
              <Input name="year" type="number" min={2000} max={2100} defaultValue={typed.year} className="mt-1 h-9 w-32 text-sm" />
              <FieldError id="calendar-year-error">{errs('typed', 'year')}</FieldError>
            </label>
            <label className="text-sm text-slate-600">
              {t('calendarAdmin.holidays')}
              <textarea name="holidays" rows={12} defaultValue={typed.holidays} className={area} />
              <FieldError id="calendar-holidays-error">{errs('typed', 'holidays')}</FieldError>
            </label>
            <label className="text-sm text-slate-600">
              {t('calendarAdmin.workdays')}
              <textarea name="workdays" rows={12} defaultValue={typed.workdays} className={area} />
              <FieldError id="calendar-workdays-error">{errs('typed', 'workdays')}</FieldError>
            </label>
            <div className="sm:col-span-2">
              <Button disabled={busy}>{t('calendarAdmin.save')}</Button>
            </div>
          </PostForm>
          {/* The file in a form of its own: a file too large to read (413) cannot take the typed lists with it. */}
          <PostForm {...check('file')} hiddenFields={{ intent: 'file' }} encType="multipart/form-data" className="space-y-2 border-t border-slate-100 pt-4" data-testid="calendar-file-form">
            {/* The kit's file control: 选择文件 / 未选择文件 in the page's words, not the browser's "Choose File". */}
            <Label htmlFor="calendar-file" className="font-normal text-slate-600">
              {t('calendarAdmin.file')}
            </Label>
            <FileInput id="calendar-file" name="file" accept="application/json,.json" shrink={false} aria-invalid={result?.fileError ? true : undefined} aria-describedby={result?.fileError ? 'calendar-file-error' : undefined} />
            <FieldError id="calendar-file-error" data-testid="calendar-file-error">
              {sent === 'file' ? err('file', 'file') : result?.fileError ? t(result.fileError, { kb: CALENDAR_FILE_MAX_BYTES / 1024 }) : null}
            </FieldError>
            <Button variant="secondary" disabled={busy}>
              {t('calendarAdmin.upload')}
            </Button>
          </PostForm>
        </CardBody>
      </Card>
    </div>
  );
}
