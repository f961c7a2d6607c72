import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ELDER_SERVICE_KINDS, yuan } from '@shequ/domain';
import {
  addServiceSlots,
  addServiceSubsidyRule,
  bookService,
  cancelServiceBooking,
  completeService,
  confirmServiceBooking,
  findResidents,
  getServiceDesk,
  markServiceNoShow,
  quoteService,
  recordAbilityAssessment,
  saveElderService,
} from '@shequ/use-cases';
import { elderServicesFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { ActionButtons } from '~/components/ui/action-buttons.tsx';
import { ResidentFinder } from '~/components/residents/resident-finder.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { DateInput } from '~/components/ui/date-input.tsx';
import { NotSetUp } from '~/components/ui/empty-state.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge, type BadgeTone } from '~/components/ui/status-badge.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('services.title');

const TONES: Record<string, BadgeTone> = { requested: 'progress', confirmed: 'info', done: 'success', no_show: 'danger', cancelled: 'muted' };
const clock = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

// The station's service desk (issue 19, decision 044): a day's slots with their bookings (confirm, cancel, done with
// the note after service, no-show), opening slots, services and their subsidy rules, booking on behalf and
// recording an ability assessment for someone without a phone.
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const url = new URL(request.url);
  const day = queryDay(request, chinaToday());
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40);
  const residentId = url.searchParams.get('resident');
  return runAsStaff(caller, async (tx) => {
    // The person chosen to book for is kept by their id alone (the search `q` may be gone after a refusal or a reload).
    const desk = await getServiceDesk(tx, caller, { day, forResidentId: residentId });
    const found = q ? (await findResidents(tx, caller, { q, pageSize: 10, cipher: caseDeps.cipher })).rows.map((r) => ({ id: r.id, nameHint: r.nameHint, age: r.age, address: r.address })) : [];
    const openSlots = desk.slots.filter((s) => new Date(s.startsAt) > new Date());
    const quotes = desk.person ? await Promise.all(openSlots.map(async (s) => ({ slotId: s.id, quote: await quoteService(tx, caller, { slotId: s.id, residentId: desk.person!.id }).catch(() => null) }))) : [];
    return { ...desk, q, found, quotes, today: chinaToday() };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  // A booking's own steps (the row's buttons), each through its use case.
  const steps = { confirm: confirmServiceBooking, cancel: cancelServiceBooking, noShow: markServiceNoShow };
  const { actor, ability, submission } = await requireSubmission(request, elderServicesFormSchema, 'community');
  if (submission.status !== 'success') return replyInvalidSubmission(submission);
  const v = submission.value;
  const caller = { actor, ability };
  const done = await actAsStaff(caller, async (tx): Promise<[string, Record<string, string | number>]> => {
    switch (v.intent) {
      case 'service':
        await saveElderService(tx, caller, { ...v, price: String(v.price / 100) });
        return ['service', {}];
      case 'slots':
        return ['slots', { n: (await addServiceSlots(tx, caller, v)).created }];
      case 'rule':
        await addServiceSubsidyRule(tx, caller, { ...v, perUse: String(v.perUse / 100), monthlyCap: v.monthlyCap === null ? '' : String(v.monthlyCap / 100) });
        return ['rule', {}];
      case 'book': {
        const b = await bookService(tx, caller, v);
        return ['booked', { pay: yuan(b.payCents) }];
      }
      case 'assessment':
        await recordAbilityAssessment(tx, caller, v);
        return ['assessment', {}];
      case 'confirm':
      case 'cancel':
      case 'noShow':
        await steps[v.intent](tx, caller, v);
        return [v.intent, {}];
      case 'done':
        await completeService(tx, caller, v);
        return ['done', {}];
    }
  });
  if (!done.ok) return replyRefused(v.intent, done.error);
  const [key, values] = done.value;
  return withToast(replySaved(v.intent), `services.${key}`, values);
}

export default function ServiceDeskPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const can = useCommunityCan();
  const canManage = can('manage', 'ElderService');
  const canUpdate = can('update', 'ElderService');
  // A grid worker books for the people of their grids and may cancel those bookings (the desk's actions say which).
  const canBook = can('create', 'ElderService');
  const { err, alert, submit, check } = useReply(result, elderServicesFormSchema);
  const chosen = data.person;
  // The slots the chosen person may book (old enough, as bookService checks); the others are said, not offered.
  const bookable = data.quotes.filter((q) => q.quote && q.quote.age === 'ok');
  const ageBlocked = data.quotes.find((q) => q.quote && q.quote.age !== 'ok')?.quote ?? null;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('services.title')}
        description={t('services.intro')}
        actions={
          canUpdate ? (
            <Button asChild variant="secondary" size="sm">
              <Link to="/community/services/settlement" data-testid="service-settlement-open">
                {t('services.settlement.open')}
              </Link>
            </Button>
          ) : null
        }
      />
      <PeriodForm period="day" value={data.day} label={t('services.desk.day')}>
        {chosen ? <input type="hidden" name="resident" value={chosen.id} /> : null}
      </PeriodForm>
      {result?.error && ['confirm', 'cancel', 'noShow', 'done'].includes(result.form) ? <Alert tone="error">{t(result.error, result.params)}</Alert> : null}
      {/* No service yet: nothing can be opened or booked until the admin adds one (manage ElderService); say who. */}
      {data.services.length === 0 ? (
        <NotSetUp title={t('services.service.empty')} canSetUp={canManage} setUp={{ text: t('services.service.emptyManage') }} ask={t('services.service.emptyAsk')} testId="services-none" />
      ) : null}

      <CardSection title={t('services.desk.slots')} bodyClassName="space-y-4">
        {data.slots.length === 0 ? <p className="text-sm text-slate-500">{t('services.desk.noSlots')}</p> : null}
        {data.slots.map((s) => (
          <div key={s.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="service-slot" data-slot={s.id}>
            <p className="font-medium text-slate-900">
              {clock(s.startsAt)} · {s.service}
              {s.place ? ` · ${s.place}` : ''} <span className="text-slate-500">· {t('services.desk.places', { taken: s.taken, capacity: s.capacity })}</span>
            </p>
            {s.bookings.length === 0 && s.taken === 0 ? <p className="text-slate-500">{t('services.desk.empty')}</p> : null}
            <ul className="mt-2 divide-y divide-slate-100">
              {s.bookings.map((b) => (
                <li key={b.id} className="space-y-1 py-2" data-testid="service-booking" data-resident={b.residentId}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      {b.nameHint}
                      {b.building ? ` · ${b.building}` : ''} · {t('services.resident.pay', { pay: yuan(b.payCents) })}
                      {b.noShows ? <span className="ml-1 text-red-700">{t('services.desk.noShows', { n: b.noShows })}</span> : null}
                    </span>
                    <Badge tone={TONES[b.status] ?? 'neutral'}>{t(`services.statuses.${b.status}`)}</Badge>
                  </div>
                  {b.note ? <p className="text-slate-600">{b.note}</p> : null}
                  {/* Only the steps the server would take for this booking now (getServiceDesk's actions). */}
                  {canUpdate || canBook ? (
                    <ActionButtons
                      allowed={b.actions}
                      hiddenFields={{ bookingId: b.id }}
                      busy={busy}
                      className="items-end"
                      actions={[
                        { intent: 'confirm', label: t('services.desk.confirm'), variant: 'secondary', testId: 'service-confirm' },
                        {
                          intent: 'done',
                          label: t('services.desk.done'),
                          testId: 'service-done',
                          before: <Input name="note" placeholder={t('services.desk.notePlaceholder')} aria-label={t('services.desk.note')} maxLength={500} className="h-8 min-w-0 flex-1 text-sm" data-testid="service-note" />,
                        },
                        { intent: 'noShow', label: t('services.desk.noShow'), variant: 'ghost', testId: 'service-no-show' },
                        {
                          intent: 'cancel',
                          label: t('services.desk.cancel'),
                          variant: 'ghost',
                          testId: 'service-cancel',
                          // Asked first (decision 056), in words that do not say 取消 twice.
                          confirm: { title: t('services.desk.cancelTitle'), description: t('services.desk.cancelText', { name: b.nameHint }), confirmLabel: t('services.desk.cancelYes'), cancelLabel: t('services.desk.keep') },
                        },
                      ]}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {/* Slots open only from today on (addServiceSlots refuses a time already passed): a past day offers no form. */}
        {canUpdate && data.services.length && data.day < data.today ? (
          <p className="border-t border-slate-100 pt-3 text-sm text-slate-500" data-testid="service-slots-past">
            {t('services.slots.pastDay')}
          </p>
        ) : null}
        {canUpdate && data.services.length && data.day >= data.today ? (
          <Form {...check('slots')} method="post" noValidate className="grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-4" data-testid="service-slots-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="slots" />
            <input type="hidden" name="day" value={data.day} />
            <Field id="sl-service" label={t('services.slots.service')} error={err('slots', 'serviceId')}>
              <Select name="serviceId" size="sm" defaultValue={data.services[0]!.id} options={data.services.map((x) => ({ value: x.id, label: x.name }))} />
            </Field>
            <Field id="sl-times" label={t('services.slots.times')} hint={t('services.slots.timesHint')} error={err('slots', 'times')}>
              <Input name="times" className="h-9 text-sm" />
            </Field>
            <Field id="sl-capacity" label={t('services.slots.capacity')} error={err('slots', 'capacity')}>
              <Input name="capacity" inputMode="numeric" defaultValue={1} className="h-9 text-sm" />
            </Field>
            <Field id="sl-place" label={t('services.slots.place')} error={err('slots', 'place')}>
              <Input name="place" maxLength={40} className="h-9 text-sm" />
            </Field>
            {submit('slots', t('services.slots.add'), { className: 'sm:col-span-4', size: 'sm' })}
          </Form>
        ) : null}
      </CardSection>

      <CardSection title={t('services.book.title')} intro={t('services.book.intro')} bodyClassName="space-y-3">
        <ResidentFinder q={data.q} day={data.day} found={data.found} choose={(r) => (
            <Link className="text-brand-700 underline" to={`?${new URLSearchParams({ day: data.day, q: data.q, resident: r.id }).toString()}`}>
              {t('services.book.choose')}
            </Link>
          )}
        />
        {chosen ? (
          <div className="space-y-3" data-testid="service-book-person">
            <p className="font-medium">
              {chosen.nameHint}
              {chosen.age !== null ? ` · ${t('services.book.age', { age: chosen.age })}` : ''}
              {chosen.building ? ` · ${chosen.building}` : ''}
            </p>
            {ageBlocked ? (
              <p className="text-sm text-amber-700" data-testid="service-book-age">
                {ageBlocked.age === 'noBirth' ? t('services.book.noBirth', { minAge: ageBlocked.minAge ?? 0 }) : t('services.book.tooYoung', { minAge: ageBlocked.minAge ?? 0 })}
              </p>
            ) : null}
            {bookable.length ? (
              <Form {...check('book')} method="post" noValidate className="flex flex-wrap items-end gap-2" data-testid="service-book-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="book" />
                <input type="hidden" name="residentId" value={chosen.id} />
                <Field id="b-slot" label={t('services.book.slot')} error={err('book', 'slotId')} className="min-w-0 flex-1">
                  <Select
                    name="slotId"
                    size="sm"
                    options={bookable.flatMap((q) => {
                      const slot = data.slots.find((s) => s.id === q.slotId)!;
                      return q.quote ? [{ value: q.slotId, label: `${clock(slot.startsAt)} ${slot.service} · ${t('services.resident.pay', { pay: yuan(q.quote.payCents) })}${q.quote.assessmentOk ? '' : ' ⚠'}` }] : [];
                    })}
                  />
                </Field>
                <Button type="submit" size="sm" disabled={busy} data-testid="service-book">
                  {t('services.book.submit')}
                </Button>
                {alert('book')}
              </Form>
            ) : data.quotes.length === 0 ? (
              <p className="text-sm text-slate-500">{t('services.book.noOpenSlots')}</p>
            ) : null}
            {canUpdate ? (
              <Form {...check('assessment')} method="post" noValidate className="grid gap-2 sm:grid-cols-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="assessment" />
                <input type="hidden" name="residentId" value={chosen.id} />
                <Field id="a-on" label={t('services.book.assessedOn')} error={err('assessment', 'assessedOn')}>
                  <DateInput name="assessedOn" size="sm" defaultValue={data.day} />
                </Field>
                <Field id="a-level" label={t('services.book.level')} error={err('assessment', 'level')}>
                  <Select name="level" size="sm" defaultValue="1" options={['0', '1', '2', '3', '4'].map((l) => ({ value: l, label: `${l} · ${t(`services.levels.${l}` as 'services.levels.0')}` }))} />
                </Field>
                <Field id="a-by" label={t('services.book.assessor')} error={err('assessment', 'assessor')}>
                  <Input name="assessor" maxLength={40} className="h-9 text-sm" />
                </Field>
                {submit('assessment', t('services.book.record'), { className: 'sm:col-span-3', size: 'sm', variant: 'secondary' })}
              </Form>
            ) : null}
          </div>
        ) : null}
      </CardSection>

      <CardSection title={t('services.service.title')} bodyClassName="space-y-3">
        {data.services.length === 0 ? <p className="text-sm text-slate-500">{t('services.service.empty')}</p> : null}
        <ul className="space-y-1 text-sm" data-testid="services">
          {data.services.map((s) => (
            <li key={s.id}>
              <span className="font-medium">{s.name}</span>（{t(`services.kinds.${s.kind}`)}）· {t('services.minutes', { n: s.durationMinutes })} · {t('meals.yuan', { amount: yuan(s.priceCents) })}
              {s.assessmentDays ? ` · ${t('services.needsAssessment', { days: s.assessmentDays })}` : ''}
              {s.minAge ? ` · ${t('services.minAge', { age: s.minAge })}` : ''}
            </li>
          ))}
        </ul>
        {data.rules.length === 0 ? <p className="text-sm text-slate-500">{t('services.rules.empty')}{canManage ? '' : ` ${t('services.service.emptyRules')}`}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm" data-testid="service-rules">
          {data.rules.map((r) => (
            <li key={r.id} className="py-1">
              {r.name} · {r.serviceKind ? t(`services.kinds.${r.serviceKind}`) : t('services.rules.anyKind')} · {yuan(r.perUseCents)}
              {r.monthlyCapCents !== null ? ` / ${yuan(r.monthlyCapCents)}` : ''} · {r.effectiveFrom} – {r.lastDay ?? t('services.rules.open')}
            </li>
          ))}
        </ul>
        {canManage ? (
          <>
            <details className="rounded-md border border-slate-200 p-3" open={result?.form === 'service' || data.services.length === 0} data-testid="service-form">
              <summary className="cursor-pointer text-sm text-brand-700">{t('services.service.fold')}</summary>
              <Form {...check('service')} method="post" noValidate className="mt-2 grid gap-2 sm:grid-cols-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="service" />
                <Field id="s-kind" label={t('services.service.kind')} error={err('service', 'kind')}>
                  <Select name="kind" size="sm" defaultValue="bathing" options={ELDER_SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} />
                </Field>
                <Field id="s-name" label={t('services.service.name')} error={err('service', 'name')}>
                  <Input name="name" maxLength={20} className="h-9 text-sm" />
                </Field>
                <Field id="s-duration" label={t('services.service.duration')} error={err('service', 'durationMinutes')}>
                  <Input name="durationMinutes" inputMode="numeric" defaultValue={60} className="h-9 text-sm" />
                </Field>
                <Field id="s-price" label={t('services.service.price')} error={err('service', 'price')}>
                  <Input name="price" inputMode="decimal" className="h-9 text-sm" />
                </Field>
                <Field id="s-days" label={t('services.service.assessmentDays')} error={err('service', 'assessmentDays')}>
                  <Input name="assessmentDays" inputMode="numeric" className="h-9 text-sm" />
                </Field>
                <Field id="s-min-age" label={t('services.service.minAge')} hint={t('services.service.minAgeHint')} error={err('service', 'minAge')}>
                  <Input name="minAge" inputMode="numeric" defaultValue={60} className="h-9 text-sm" />
                </Field>
                {submit('service', t('services.service.add'), { className: 'sm:col-span-3', size: 'sm' })}
              </Form>
            </details>
            <details className="rounded-md border border-slate-200 p-3" open={result?.form === 'rule'}>
              <summary className="cursor-pointer text-sm text-brand-700">{t('services.rules.fold')}</summary>
              <Form {...check('rule')} method="post" noValidate className="mt-2 grid gap-2 sm:grid-cols-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="rule" />
                <Field id="r-name" label={t('services.rules.name')} error={err('rule', 'name')}>
                  <Input name="name" maxLength={20} className="h-9 text-sm" />
                </Field>
                <Field id="r-kind" label={t('services.rules.kind')} error={err('rule', 'serviceKind')}>
                  <Select name="serviceKind" size="sm" placeholder={t('services.rules.anyKind')} options={ELDER_SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} />
                </Field>
                <Field id="r-age" label={t('services.rules.minAge')} error={err('rule', 'minAge')}>
                  <Input name="minAge" inputMode="numeric" className="h-9 text-sm" />
                </Field>
                <Field id="r-per" label={t('services.rules.perUse')} error={err('rule', 'perUse')}>
                  <Input name="perUse" inputMode="decimal" className="h-9 text-sm" />
                </Field>
                <Field id="r-cap" label={t('services.rules.monthlyCap')} error={err('rule', 'monthlyCap')}>
                  <Input name="monthlyCap" inputMode="decimal" className="h-9 text-sm" />
                </Field>
                <Field id="r-from" label={t('services.rules.effectiveFrom')} hint={t('services.rules.effectiveFromHint', { today: data.today })} error={err('rule', 'effectiveFrom')}>
                  <DateInput name="effectiveFrom" size="sm" defaultValue={data.day < data.today ? data.today : data.day} min={data.today} />
                </Field>
                {submit('rule', t('services.rules.add'), { className: 'sm:col-span-3', size: 'sm' })}
              </Form>
            </details>
          </>
        ) : null}
      </CardSection>
    </div>
  );
}
