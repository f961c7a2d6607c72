import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { ONBOARDING_COLUMNS } from '@shequ/domain';
import { isUuid, type Tx } from '@shequ/db';
import { resources } from '@shequ/i18n';
import { type Actor, assertCan, ForbiddenError } from '@shequ/permissions';
import { checkOnboardingFile, listOnboardingImports, loadOnboardingImport, ONBOARDING_TEMPLATE_EXAMPLE, onboardingTemplateXlsx, startOnboardingImport, summariseImportRows } from '@shequ/use-cases';
import { exportTime, toCsv } from '@shequ/use-cases/csv';
import { type BodyLimitHandle, bodyTooLarge } from '~/lib/body-limit.ts';
import { db, withActor, withMaintenance } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { enqueueOnboardingImport } from '~/lib/queues.server.ts';
import { refusalMessage } from '~/lib/refusal.ts';
import { describeRefusal, isRefusal, storedRefusalMessage } from '~/lib/refusal.server.ts';
import { CONSOLE_PATH, requireActor } from '~/lib/session.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { onboardingFileSchema, startOnboardingImportSchema } from '@shequ/use-cases/schemas';
import { redirectWithToast, withToast } from '~/lib/toast.server.ts';

// Bulk onboarding for the two consoles that may onboard: operators anywhere, district officers in their district
// (the use cases check each row). Route modules are thin wrappers around these.
type Console = 'operator' | 'org';

/** Operators import in their maintenance scope; a district officer in their own (the import rows are scoped to their district). */
function scoped<T>(console: Console, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return console === 'operator' ? withMaintenance(actor, 'bulk onboarding', fn) : withActor(actor, fn);
}

async function refuseOrRethrow<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error) && error.kind === 'notFound') notFound();
    throw error;
  }
}

export function importsLoader(console: Console) {
  return async ({ request }: LoaderFunctionArgs) => {
    const caller = await requireActor(request, console);
    const imports = await guard(() => scoped(console, caller.actor, (tx) => listOnboardingImports(tx, caller)));
    return { imports, base: CONSOLE_PATH[console] };
  };
}

/** Upload = dry run: the file is read and checked, the report is kept, nothing is created. `handle`: the route's body bound (decision 060). */
export function importsAction(console: Console, handle: BodyLimitHandle) {
  return async ({ request }: ActionFunctionArgs) => {
    if (bodyTooLarge(request, handle)) {
      return data({ error: refusalMessage('bulkImport.tooLarge'), params: {} }, { status: 413 });
    }
    const { actor, ability, submission } = await requireSubmission(request, onboardingFileSchema, console);
    if (submission.status !== 'success') return data({ error: 'bulkImport.errors.noFile' as const, params: {} }, { status: 400 });
    const file = submission.value.file;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { importId } = await scoped(console, actor, (tx) => checkOnboardingFile(tx, { actor, ability }, { name: file.name, bytes }));
      return redirectWithToast(`${CONSOLE_PATH[console]}/imports/${importId}`, 'importChecked');
    } catch (error) {
      if (error instanceof ForbiddenError) forbidden();
      if (isRefusal(error)) {
        const refusal = describeRefusal(error);
        return data({ error: refusal.message, params: refusal.params }, { status: refusal.status });
      }
      throw error;
    }
  };
}

export function importLoader(console: Console) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const { actor, ability } = await requireActor(request, console);
    if (!isUuid(params.importId)) notFound();
    const job = await refuseOrRethrow(() => scoped(console, actor, (tx) => loadOnboardingImport(tx, { actor, ability }, { importId: params.importId! })));
    const summary = summariseImportRows(job.rows);
    const count = (result: string) => job.outcomes.filter((o) => o.result === result).length;
    return {
      base: CONSOLE_PATH[console],
      id: job.id,
      fileName: job.fileName,
      status: job.status,
      summary,
      processed: job.processed,
      outcomes: { created: count('created'), exists: count('exists'), failed: count('failed') },
      problems: job.rows.filter((r) => r.errors.length).map((r) => ({ line: r.line, community: r.community, street: r.street, adminCode: r.adminCode, errors: r.errors })),
      planned: job.rows
        .filter((r) => !r.errors.length)
        .slice(0, 200)
        .map((r) => ({ line: r.line, community: r.community, street: r.street, adminCode: r.adminCode, slug: r.slug, existing: Boolean(r.existingId) })),
      // A row refused by the rights check is outside the actor's area; any other by its use case's refusal.
      failures: job.outcomes.filter((o) => o.result === 'failed').map((o) => ({ line: o.line, forbidden: o.error === 'forbidden', message: storedRefusalMessage(o.error) })),
    };
  };
}

/** Start the import: checked → queued in PostgreSQL first (a second click does nothing), then the worker is asked. */
export function importAction(console: Console) {
  return async ({ request, params }: ActionFunctionArgs) => {
    const { actor, ability } = await requireSubmission(request, startOnboardingImportSchema, console);
    if (!isUuid(params.importId)) notFound();
    try {
      await refuseOrRethrow(() => startOnboardingImport(db, { actor, ability }, { importId: params.importId!, enqueue: enqueueOnboardingImport }));
    } catch (error) {
      if (isRefusal(error)) {
        const refusal = describeRefusal(error);
        return data({ error: refusal.message }, { status: refusal.status });
      }
      throw error;
    }
    return withToast({ error: null }, 'importQueued');
  };
}

/** A CSV download (see toCsv: Excel-friendly, formulas neutralised). */
export function csvResponse(rows: string[][], fileName: string): Response {
  return download(toCsv(rows), fileName, FILE_TYPES.csv);
}

/** The invitation links of an import, opened from their sealed form; one row per line of the file. */
export function invitationsLoader(console: Console) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const { actor, ability } = await requireActor(request, console);
    if (!isUuid(params.importId)) notFound();
    const job = await refuseOrRethrow(() => scoped(console, actor, (tx) => loadOnboardingImport(tx, { actor, ability }, { importId: params.importId! })));
    const w = resources['zh-CN'].translation.bulkImport;
    const origin = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
    const outcomes = new Map(job.outcomes.map((o) => [o.line, o]));
    const rows = job.rows.map((r) => {
      const o = outcomes.get(r.line);
      const link = o?.invitation ? `${origin}/invite/${caseDeps.cipher.decrypt(o.invitation)}` : '';
      const result = o ? w.result[o.result] : r.errors.length ? w.result.skipped : '';
      return [String(r.line), r.district, r.street, r.community, r.adminCode, o?.slug ?? r.slug ?? '', r.adminName, r.adminMobile, link, o?.invitationExpiresAt ? String(exportTime(o.invitationExpiresAt)) : '', result];
    });
    const header = ['行号', '区', '街道', '社区', '行政区划代码', '短网址名称', w.csv.admin, w.csv.mobile, w.csv.link, w.csv.expires, w.csv.result];
    return csvResponse([header, ...rows], `${job.fileName.replace(/\.[a-z]+$/i, '')}-邀请链接.csv`);
  };
}

/**
 * An empty file with the expected header row and one example, to fill in Excel: CSV, or with `?format=xlsx` a
 * workbook whose code and mobile columns are text (onboardingTemplateXlsx), which Excel cannot turn into 5.20115E+11.
 */
export function templateLoader(console: Console) {
  return async ({ request }: LoaderFunctionArgs) => {
    const { ability } = await requireActor(request, console);
    await guard(() => assertCan(ability, 'onboard', 'Community'));
    if (new URL(request.url).searchParams.get('format') === 'xlsx') {
      return download(await onboardingTemplateXlsx(), '批量开通模板.xlsx', FILE_TYPES.xlsx);
    }
    return csvResponse([ONBOARDING_COLUMNS.map((c) => c.header), ONBOARDING_TEMPLATE_EXAMPLE], '批量开通模板.csv');
  };
}
