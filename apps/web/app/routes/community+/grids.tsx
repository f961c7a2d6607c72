import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { ForbiddenError, subject } from '@shequ/permissions';
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { createBuildings, createGrid, listGrids, moveBuilding, updateGrid } from '@shequ/use-cases';
import { gridSchema, gridsFormSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody, CardHeader, CardSection, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { optionsOf, Select } from '~/components/ui/select.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { db } from '~/lib/db.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { forbidden, guard, notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('nav.grids');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const communityId = caller.actor.workspace.tenantId!;
  return guard(() => withTenant(db, communityId, (tx) => listGrids(tx, caller, { communityId })));
}

/** The fields each form shows (a refusal naming another is shown at the form's top). */
const FORM_FIELDS: Record<'createGrid' | 'updateGrid' | 'createBuilding' | 'moveBuilding', string[]> = {
  createGrid: ['name', 'code', 'gridWorkerId', 'partyLeaderId'],
  updateGrid: ['name', 'code', 'gridWorkerId', 'partyLeaderId'],
  createBuilding: ['name'],
  moveBuilding: ['buildingId', 'gridId'],
};

/** Which form on the page was sent: the new grid's, or a grid card's own (by grid; a move by its building). */
function formOf(payload: Record<string, unknown>): string {
  const intent = String(payload.intent ?? '');
  if (intent === 'createGrid') return 'createGrid';
  return `${intent}:${String((intent === 'moveBuilding' ? payload.buildingId : payload.gridId) ?? '')}`;
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, gridsFormSchema, 'community');
  const tenantId = actor.workspace.tenantId!;
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    // Every form shows its messages next to its fields, with what was typed (a grid's own forms by grid).
    return data({ ok: false, max: 0, form: formOf(submission.payload), result: submission.reply() }, { status: 400 });
  }
  const v = submission.value;
  const caller = { actor, ability };
  const gridInput = (g: { name: string; code?: string | null; gridWorkerId?: string | null; partyLeaderId?: string | null }) => ({ name: g.name, code: g.code ?? '', gridWorkerId: g.gridWorkerId || null, partyLeaderId: g.partyLeaderId || null });
  try {
    const outcome = await withTenant(db, tenantId, async (tx) => {
      switch (v.intent) {
        case 'createGrid':
          return createGrid(tx, caller, gridInput(v));
        case 'updateGrid':
          return updateGrid(tx, caller, { ...gridInput(v), gridId: v.gridId });
        case 'createBuilding':
          return createBuildings(tx, caller, { names: v.name, gridId: v.gridId });
        case 'moveBuilding':
          return moveBuilding(tx, caller, { buildingId: v.buildingId, gridId: v.gridId });
      }
    });
    const added = outcome && 'created' in outcome ? outcome : null;
    // The message rides in a cookie: a long list is shown by its ends (1栋…120栋).
    const list = (names: string[]) => (names.length > 8 ? `${names[0]}…${names.at(-1)}` : names.join('、') || '—');
    if (added?.skipped.length) return withToast({ ok: true, max: 0 }, 'buildingsAddedSkipped', { count: added.created.length, names: list(added.created), skipped: list(added.skipped) });
    if (added) return withToast({ ok: true, max: 0 }, 'buildingsAdded', { count: added.created.length, names: list(added.created) });
    return withToast({ ok: true, max: 0 }, 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    // A grid or building id that is not this community's is unknown here (404), as by URL.
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      if (refusal.status === 404) notFound();
      // A name already taken, a grid worker who is not one, too many buildings: next to the field of the form that
      // was sent, with what was typed; a refusal naming no field of that form at its top.
      const field = refusal.field && FORM_FIELDS[v.intent].includes(refusal.field) ? refusal.field : null;
      const result = submission.reply(field ? { fieldErrors: { [field]: [refusal.message] } } : { formErrors: [refusal.message] });
      return data({ ok: false, max: Number(refusal.params.max ?? 0), form: formOf(submission.payload), result }, { status: refusal.status });
    }
    throw error;
  }
}

type GridRow = { name: string; code: string | null; gridWorkerId: string | null; partyLeaderId: string | null };
type Person = { id: string; name: string };

/**
 * The grid fields, shared by "add" and "edit". A top-level component on purpose: defined inside the page it would be
 * a new component on every render, and React would throw away what the admin had typed whenever the page updates.
 */
type GridFieldName = 'name' | 'code' | 'gridWorkerId' | 'partyLeaderId';

/** A grid's fields: its saved values (g), or what was typed and the messages when the form came back refused. */
function GridFields({ id, g, typed, errors, gridWorkers, members }: { id: string; g?: GridRow; typed?: Partial<Record<string, string>>; errors?: Partial<Record<GridFieldName, string | null>>; gridWorkers: Person[]; members: Person[] }) {
  const { t } = useTranslation();
  const value = (k: GridFieldName) => typed?.[k] ?? g?.[k] ?? '';
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field id={`${id}-name`} label={t('gridAdmin.name')} error={errors?.name}>
        <Input name="name" required maxLength={40} defaultValue={value('name')} className="h-9 text-sm" />
      </Field>
      <Field id={`${id}-code`} label={t('gridAdmin.code')} error={errors?.code}>
        <Input name="code" inputMode="numeric" maxLength={15} defaultValue={value('code')} className="h-9 text-sm" />
      </Field>
      <Field id={`${id}-worker`} label={t('gridAdmin.gridWorker')} error={errors?.gridWorkerId}>
        <Select name="gridWorkerId" size="sm" defaultValue={value('gridWorkerId')} placeholder={t('gridAdmin.none')} options={optionsOf(gridWorkers)} />
      </Field>
      <Field id={`${id}-leader`} label={t('gridAdmin.partyLeader')} error={errors?.partyLeaderId}>
        <Select name="partyLeaderId" size="sm" defaultValue={value('partyLeaderId')} placeholder={t('gridAdmin.none')} options={optionsOf(members)} />
      </Field>
    </div>
  );
}


export default function GridsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  // Managing grids is shown only to those the server lets manage every grid (a grid worker edits only their own).
  const { tenantId } = useScope();
  const canManage = useAbility().can('update', subject('Grid', { tenantId, gridWorkerId: null }));
  // The new-grid form: checked in the browser with the use case's schema; the server's answer comes back into it.
  const [newGrid, fields] = useSchemaForm(gridSchema, { id: 'createGrid', actionData: result });
  const tr = useErrorText();
  // A message may name a limit (at most {{max}} buildings at once).
  const trMax = useErrorText({ max: result?.max ?? 0 });
  /** The messages (and what was typed) of a grid card's form, when that form was the one sent. */
  const answerOf = (form: string) => {
    const answer = result as { form?: string; result?: SubmissionResult<string[]> | null } | undefined;
    if (answer?.form !== form || !answer.result) return null;
    const errors = (answer.result.error ?? {}) as Record<string, string[] | null | undefined>;
    const first = (k: string) => trMax(errors[k]?.[0]);
    return { first, top: first(''), typed: (answer.result.initialValue ?? {}) as Partial<Record<string, string>> };
  };
  // A grid card's forms are checked in the browser with the action's schema (by intent): one it refuses is not sent,
  // its messages beside its fields; otherwise the server's answer shows.
  const { err, check, sent } = useReply(result, gridsFormSchema);
  const newGridErrors = { name: tr(fields.name.errors?.[0]), code: tr(fields.code.errors?.[0]), gridWorkerId: tr(fields.gridWorkerId.errors?.[0]), partyLeaderId: tr(fields.partyLeaderId.errors?.[0]) };
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.grids')} />
      {data.grids.length === 0 ? <EmptyState title={t('common.empty')} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {data.grids.map((g) => {
          const edit = answerOf(`updateGrid:${g.id}`);
          const add = answerOf(`createBuilding:${g.id}`);
          const move = g.buildings.map((b) => answerOf(`moveBuilding:${b.id}`)).find(Boolean) ?? null;
          return (
          <Card key={g.id}>
            <CardHeader>
              <CardTitle>{g.name}</CardTitle>
              <p className="text-xs text-slate-500">
                {g.code ?? '—'} · {t('roles.grid_worker')}：{g.worker ?? '—'}
              </p>
            </CardHeader>
            <CardBody className="space-y-3 text-sm text-slate-700">
              <ul className="flex flex-wrap gap-2" aria-label={t('cases.building')}>
                {g.buildings.length ? g.buildings.map((b) => <li key={b.id} className="rounded bg-slate-100 px-2 py-0.5">{b.name}</li>) : <li>{t('common.empty')}</li>}
              </ul>
              {canManage ? (
                <details className="rounded-md border border-slate-200 p-3" open={edit || add || move ? true : undefined}>
                  <summary className="cursor-pointer text-sm text-brand-700">{t('gridAdmin.editGrid')}</summary>
                  <PostForm {...check(`updateGrid:${g.id}`)} hiddenFields={{ gridId: g.id }} className="mt-3 space-y-2">
                    {edit?.top ? <Alert tone="error">{edit.top}</Alert> : null}
                    <GridFields
                      key={edit ? JSON.stringify(edit.typed) : 'saved'}
                      id={g.id}
                      g={g}
                      typed={edit?.typed}
                      errors={sent === `updateGrid:${g.id}` ? { name: err(sent, 'name'), code: err(sent, 'code'), gridWorkerId: err(sent, 'gridWorkerId'), partyLeaderId: err(sent, 'partyLeaderId') } : edit ? { name: edit.first('name'), code: edit.first('code'), gridWorkerId: edit.first('gridWorkerId'), partyLeaderId: edit.first('partyLeaderId') } : undefined}
                      gridWorkers={data.gridWorkers}
                      members={data.members}
                    />
                    <Button name="intent" value="updateGrid" size="sm" disabled={busy}>
                      {t('gridAdmin.editGrid')}
                    </Button>
                  </PostForm>
                  <PostForm {...check(`createBuilding:${g.id}`)} hiddenFields={{ gridId: g.id }} className="mt-3 flex flex-wrap items-end gap-2">
                    <Field id={`${g.id}-building`} label={t('gridAdmin.buildingNames')} error={sent === `createBuilding:${g.id}` ? err(sent, 'name') : (add?.first('name') ?? add?.top)} className="min-w-0 flex-1">
                      <Input name="name" maxLength={2000} defaultValue={add?.typed.name ?? ''} key={add ? `typed-${add.typed.name ?? ''}` : 'empty'} placeholder={t('gridAdmin.buildingNamesPlaceholder')} className="h-9 text-sm" />
                    </Field>
                    <Button name="intent" value="createBuilding" size="sm" variant="secondary" disabled={busy}>
                      {t('gridAdmin.addBuilding')}
                    </Button>
                  </PostForm>
                  {g.buildings.length ? (
                    <PostForm {...check(`moveBuilding:${g.id}`)} className="mt-3 flex flex-wrap items-end gap-2">
                      <Field id={`${g.id}-move-building`} label={t('cases.building')} error={sent === `moveBuilding:${g.id}` ? err(sent, 'buildingId') : (move?.first('buildingId') ?? move?.top)} className="min-w-0 flex-1">
                        <Select name="buildingId" size="sm" defaultValue={move?.typed.buildingId} options={optionsOf(g.buildings)} />
                      </Field>
                      <Field id={`${g.id}-move-to`} label={t('gridAdmin.moveTo')} error={sent === `moveBuilding:${g.id}` ? err(sent, 'gridId') : move?.first('gridId')} className="min-w-0 flex-1">
                        <Select name="gridId" size="sm" defaultValue={move?.typed.gridId} options={optionsOf(data.grids.filter((o) => o.id !== g.id))} />
                      </Field>
                      <Button name="intent" value="moveBuilding" size="sm" variant="secondary" disabled={busy || data.grids.length < 2}>
                        {t('gridAdmin.move')}
                      </Button>
                    </PostForm>
                  ) : null}
                </details>
              ) : null}
            </CardBody>
          </Card>
          );
        })}
      </div>
      {canManage ? (
        <CardSection title={t('gridAdmin.addGrid')}>
          <PostForm hiddenFields={{ intent: 'createGrid' }} {...getFormProps(newGrid)} className="space-y-2">
            {newGrid.errors?.length ? <Alert tone="error">{trMax(newGrid.errors[0])}</Alert> : null}
            <GridFields id="new-grid" typed={newGrid.initialValue as Partial<Record<string, string>> | undefined} errors={newGridErrors} gridWorkers={data.gridWorkers} members={data.members} />
            <Button type="submit" size="sm" disabled={busy}>
              {t('gridAdmin.addGrid')}
            </Button>
          </PostForm>
        </CardSection>
      ) : null}
    </div>
  );
}
