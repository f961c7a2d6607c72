import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ForbiddenError, subject } from '@shequ/permissions';
import { createVolunteerTeam, findResidents, listPartyMembers, listVolunteerStatuses, registerVolunteer } from '@shequ/use-cases';
import { volunteerPeoplePageSchema } from '@shequ/use-cases/schemas';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card } from '~/components/ui/card.tsx';
import { Checkbox } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalid, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { useAbility } from '~/lib/ability.tsx';
import { forbidden } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('volunteers.people.title');

// Volunteers and teams (issue 17): find a person of the register by mobile, ID number or name and register them as a
// volunteer with their consent (a guardian's for 14–17); the office creates teams led by a party member.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireActor(request, 'community');
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 40);
  const tenantId = caller.actor.workspace.tenantId ?? '';
  // Only for those who read volunteers' records (a grid worker opened it and then met 403s: found from outside).
  if (!caller.ability.can('read', subject('Volunteer', { tenantId }))) forbidden();
  return runAsStaff(caller, async (tx) => {
    let found: { id: string; nameHint: string; mobileHint: string | null; age: number | null; volunteer: { active: boolean; since: string; teams: string[] } | null }[] | null = null;
    let registerClosed = false;
    if (q) {
      try {
        const rows = (await findResidents(tx, caller, { q, cipher: caseDeps.cipher })).rows;
        // Someone already a volunteer is shown as one (since when, in which teams), not offered the register form.
        const statuses = await listVolunteerStatuses(tx, caller, { residentIds: rows.map((r) => r.id) });
        found = rows.map((r) => {
          const status = statuses.find((s) => s.residentId === r.id);
          return { id: r.id, nameHint: r.nameHint, mobileHint: r.mobileHint, age: r.age, volunteer: status ? { active: status.active, since: status.since, teams: status.teams } : null };
        });
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        registerClosed = true;
      }
    }
    const canCreateTeam = caller.ability.can('create', subject('VolunteerTeam', { tenantId, leaderId: null }));
    const leaders = canCreateTeam ? await listPartyMembers(tx, caller) : [];
    // Two members with the same masked name (郭** twice) are told apart by the register's hints the caller may see.
    return { q, found, registerClosed, canCreateTeam, leaders: leaders.map((l) => ({ residentId: l.residentId, label: [l.nameHint, l.building, l.mobileHint, l.orgName].filter(Boolean).join(' · ') })) };
  });
}

/** The form a reply is for: one register form per person found (`register:<resident id>`), or the new team's. */
const formOf = (intent: unknown, residentId: unknown) => (intent === 'register' ? `register:${String(residentId ?? '')}` : 'team');

/** The register form's fields; a refusal about the person (residentId: not found, too young, already a volunteer) goes above it. */
const REGISTER_FIELDS = Object.fromEntries(['skills', 'availability', 'guardianName', 'guardianRelation', 'consent', 'guardianConsent', 'showOnWall'].map((f) => [f, f]));
/** The team form's fields (a leader who may not lead is said beside the leader). */
const TEAM_FIELDS = Object.fromEntries(['name', 'focus', 'leaderResidentId', 'deputyResidentId', 'recruiting'].map((f) => [f, f]));

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, volunteerPeoplePageSchema, 'community');
  if (submission.status !== 'success') return replyInvalid(formOf(submission.payload.intent, submission.payload.residentId), submission.error, submission.payload);
  const caller = { actor, ability };
  const v = submission.value;
  const form = formOf(v.intent, v.intent === 'register' ? v.residentId : null);
  const done = await actAsStaff(caller, async (tx) => {
    if (v.intent === 'register') {
      const { intent: _intent, ...fields } = v;
      return registerVolunteer(tx, caller, fields);
    }
    const { intent: _intent, ...fields } = v;
    return createVolunteerTeam(tx, caller, fields);
  });
  if (!done.ok) return replyRefused(form, done.error, submission.payload, { fields: v.intent === 'register' ? REGISTER_FIELDS : TEAM_FIELDS });
  return withToast(replySaved(form), v.intent === 'register' ? 'volunteers.registered' : 'volunteers.teamCreated');
}

export default function VolunteerPeoplePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const { err, alert, submit, value, refused, check } = useReply(useActionData<typeof action>(), volunteerPeoplePageSchema);
  const busy = useNavigation().state !== 'idle';
  const ability = useAbility();
  // What was typed into a refused form comes back (also on a page rendered anew without JavaScript).
  const ticked = (form: string, name: string, fallback = false) => (refused(form) ? value(form, name) === 'on' : fallback);
  return (
    <div className="space-y-4">
      <PageHeader title={t('volunteers.people.title')} description={t('volunteers.people.intro')} back={{ to: '/community/volunteers', label: t('volunteers.back') }} />
      <Card className="space-y-3 p-4">
        <h2 className="text-base font-semibold">{t('volunteers.people.register')}</h2>
        <Form method="get" noValidate className="flex flex-wrap items-end gap-2">
          <Field id="vp-q" label={t('volunteers.people.search')} className="min-w-0 flex-1">
            <Input name="q" defaultValue={page.q} />
          </Field>
          <Button type="submit" variant="secondary">
            {t('volunteers.people.find')}
          </Button>
        </Form>
        {page.registerClosed ? <Alert tone="info">{t('volunteers.people.noRegister')}</Alert> : null}
        {page.found && page.found.length === 0 ? <p className="text-sm text-slate-500">{t('volunteers.people.none')}</p> : null}
        <ul className="space-y-3">
          {(page.found ?? []).map((p) => (
            <li key={p.id} className="rounded-lg border border-slate-200 p-3">
              <p className="font-medium">
                {p.nameHint} {p.mobileHint ?? ''} {p.age !== null ? t('volunteers.people.age', { age: p.age }) : ''}
              </p>
              {p.volunteer ? (
                <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="already-volunteer">
                  <p>{p.volunteer.active ? t('volunteers.people.already', { since: p.volunteer.since }) : t('volunteers.people.alreadyInactive', { since: p.volunteer.since })}</p>
                  <p>{p.volunteer.teams.length ? t('volunteers.people.alreadyTeams', { teams: p.volunteer.teams.join('、') }) : t('volunteers.people.alreadyNoTeam')}</p>
                  <Link to={`/community/residents/${p.id}`} className="text-brand-700 underline">
                    {t('volunteers.people.openRecord')}
                  </Link>
                </div>
              ) : p.age === null ? (
                // Without a birth in the register the age gate cannot be checked (registerVolunteer refuses): said
                // here with the way to the record, instead of a form that can only be refused (found from outside).
                <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="needs-birth">
                  <p>{t('volunteers.people.needsBirth')}</p>
                  {ability.can('update', 'Resident') ? (
                    <Link to={`/community/residents/${p.id}/edit`} className="text-brand-700 underline">
                      {t('volunteers.people.addBirth')}
                    </Link>
                  ) : null}
                </div>
              ) : (
                <PostForm {...check(`register:${p.id}`)} hiddenFields={{ residentId: p.id }} className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-2">
                  <Field id={`skills-${p.id}`} label={t('volunteers.people.skills')} optional={t('volunteers.newActivity.optional')} error={err(`register:${p.id}`, 'skills')}>
                    <Input name="skills" defaultValue={value(`register:${p.id}`, 'skills')} placeholder={t('volunteers.people.skillsHint')} />
                  </Field>
                  <Field id={`avail-${p.id}`} label={t('volunteers.people.availability')} optional={t('volunteers.newActivity.optional')} error={err(`register:${p.id}`, 'availability')}>
                    <Input name="availability" defaultValue={value(`register:${p.id}`, 'availability')} />
                  </Field>
                  <Field id={`gname-${p.id}`} label={t('volunteers.people.guardianName')} optional={t('volunteers.people.minorOnly')} error={err(`register:${p.id}`, 'guardianName')}>
                    <Input name="guardianName" defaultValue={value(`register:${p.id}`, 'guardianName')} />
                  </Field>
                  <Field id={`grel-${p.id}`} label={t('volunteers.people.guardianRelation')} optional={t('volunteers.people.minorOnly')} error={err(`register:${p.id}`, 'guardianRelation')}>
                    <Input name="guardianRelation" defaultValue={value(`register:${p.id}`, 'guardianRelation')} />
                  </Field>
                  <Checkbox id={`consent-${p.id}`} name="consent" defaultChecked={ticked(`register:${p.id}`, 'consent')} label={t('volunteers.people.consent')} error={err(`register:${p.id}`, 'consent')} />
                  <Checkbox id={`gconsent-${p.id}`} name="guardianConsent" defaultChecked={ticked(`register:${p.id}`, 'guardianConsent')} label={t('volunteers.people.guardianConsent')} error={err(`register:${p.id}`, 'guardianConsent')} />
                  <Checkbox id={`wall-${p.id}`} name="showOnWall" defaultChecked={ticked(`register:${p.id}`, 'showOnWall')} label={t('volunteers.people.showOnWall')} error={err(`register:${p.id}`, 'showOnWall')} />
                  {alert(`register:${p.id}`)}
                  <div>
                    <Button type="submit" name="intent" value="register" size="sm" disabled={busy}>
                      {t('volunteers.people.submit')}
                    </Button>
                  </div>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {page.canCreateTeam ? (
        <Card className="p-4">
          <PostForm {...check('team')} className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <h2 className="text-base font-semibold md:col-span-2">{t('volunteers.people.newTeam')}</h2>
            <Field id="vt-name" label={t('volunteers.people.teamName')} error={err('team', 'name')}>
              <Input name="name" defaultValue={value('team', 'name')} />
            </Field>
            <Field id="vt-focus" label={t('volunteers.people.focus')} optional={t('volunteers.newActivity.optional')} error={err('team', 'focus')}>
              <Input name="focus" defaultValue={value('team', 'focus')} />
            </Field>
            <Field id="vt-leader" label={t('volunteers.people.leader')} hint={t('volunteers.people.leaderHint')} error={err('team', 'leaderResidentId')}>
              <Select name="leaderResidentId" defaultValue={value('team', 'leaderResidentId')} placeholder="" options={page.leaders.map((l) => ({ value: l.residentId, label: l.label }))} />
            </Field>
            <Field id="vt-deputy" label={t('volunteers.team.deputy')} optional={t('volunteers.newActivity.optional')} hint={t('volunteers.team.deputyHint')} error={err('team', 'deputyResidentId')}>
              <Select name="deputyResidentId" defaultValue={value('team', 'deputyResidentId')} placeholder={t('volunteers.team.noDeputy')} options={page.leaders.map((l) => ({ value: l.residentId, label: l.label }))} />
            </Field>
            <Checkbox id="vt-recruiting" name="recruiting" defaultChecked={ticked('team', 'recruiting', true)} label={t('volunteers.people.recruiting')} error={err('team', 'recruiting')} />
            {submit('team', t('volunteers.people.createTeam'), { intent: 'team', className: 'md:col-span-2' })}
          </PostForm>
        </Card>
      ) : null}
    </div>
  );
}
