import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { addDays, MEAL_MODES, yuan } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { bookMeal, cancelMealBooking, confirmMealDelivery, findResidents, getMealCard, getMealStation, listMealBookings, offerBookedMeal, quoteMeal } from '@shequ/use-cases';
import { bookMealSchema, mealBookingsFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { ActionButtons } from '~/components/ui/action-buttons.tsx';
import { ResidentFinder } from '~/components/residents/resident-finder.tsx';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { NoSittings } from '~/components/meals/no-sittings.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { CardSection } from '~/components/ui/card.tsx';
import { type Column, DataTable } from '~/components/ui/data-table.tsx';
import { CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { Field } from '~/components/ui/field.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge, type BadgeTone } from '~/components/ui/status-badge.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { qrSvg } from '~/lib/qr.server.ts';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { pageTitle } from '~/lib/meta.ts';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.bookings.title');

const TONES: Record<string, BadgeTone> = { booked: 'info', waiting: 'progress', served: 'success', missed: 'danger', cancelled: 'muted', given_away: 'muted' };

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const url = new URL(request.url);
  const day = queryDay(request, addDays(chinaToday(), 1));
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40);
  const residentId = url.searchParams.get('resident');
  const canList = caller.ability.can('create', subject('MealService', { tenantId: caller.actor.workspace.tenantId! }));
  return runAsStaff(caller, async (tx) => {
    const station = await getMealStation(tx, caller);
    const sittings = station.sittings.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, meal: s.meal }));
    const sittingId = url.searchParams.get('sitting') ?? sittings.find((s) => s.meal === 'lunch')?.id ?? sittings[0]?.id ?? null;
    const found = q ? (await findResidents(tx, caller, { q, pageSize: 10, cipher: caseDeps.cipher })).rows.map((r) => ({ id: r.id, nameHint: r.nameHint, age: r.age, address: r.address, tags: r.tags })) : [];
    const quote = residentId && sittingId ? await quoteMeal(tx, caller, { residentId, sittingId, day }).catch(() => null) : null;
    // The person's meal card, to print for an elder without a phone (the counter scans it).
    const card = quote && residentId ? await getMealCard(tx, caller, { residentId, cipher: caseDeps.cipher }) : null;
    const list = canList ? await listMealBookings(tx, caller, { day }) : { day, rows: [] };
    return {
      day,
      q,
      sittingId,
      sittings,
      diets: station.diets,
      found,
      card: card ? { code: card.code, svg: await qrSvg(card.code) } : null,
      selected: quote && residentId ? { residentId, nameHint: quote.nameHint, priceCents: quote.priceCents, subsidyCents: quote.subsidyCents, payCents: quote.payCents, category: quote.category, open: quote.open, published: quote.published, placesLeft: quote.placesLeft, waiting: quote.waiting } : null,
      rows: list.rows.map((r) => ({ ...r, queuedAt: r.queuedAt.toISOString() , servedAt: r.servedAt?.toISOString() ?? null })),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, mealBookingsFormSchema, 'community');
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    return data({ form: String(submission.payload.intent ?? ''), result: submission.reply(), error: null as RefusalMessage | null, params: {} as Record<string, string | number> }, { status: 400 });
  }
  const v = submission.value;
  const caller = { actor, ability };
  const done = await actAsStaff(caller, async (tx) => {
    switch (v.intent) {
      case 'book':
        return { toast: 'book', value: await bookMeal(tx, caller, v) } as const;
      case 'cancel':
        return { toast: 'cancel', value: await cancelMealBooking(tx, caller, v) } as const;
      case 'offer':
        return { toast: 'offer', value: await offerBookedMeal(tx, caller, v) } as const;
      case 'deliver':
        return { toast: 'deliver', value: await confirmMealDelivery(tx, caller, v) } as const;
    }
  });
  if (!done.ok) {
    const { refusal } = done;
    if (v.intent === 'book' && refusal.field) return data({ form: 'book', result: submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } }), error: null, params: refusal.params }, { status: refusal.status });
    return data({ form: v.intent, result: null, error: refusal.message, params: refusal.params }, { status: refusal.status });
  }
  const out = done.value;
  if (out.toast === 'book') {
    const b = out.value;
    return b.status === 'waiting'
      ? withToast({ form: 'book', result: null, error: null, params: {} }, 'meals.waiting', { n: b.position ?? 1 })
      : withToast({ form: 'book', result: null, error: null, params: {} }, 'meals.booked', { pay: yuan(b.payCents), subsidy: yuan(b.subsidyCents) });
  }
  return withToast({ form: v.intent, result: null, error: null, params: {} }, `meals.${out.toast}`);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number];

export default function MealBookingsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const can = useCommunityCan();
  const canUpdate = can('update', 'MealService');
  // Grid workers book on behalf and see their own grids' bookings (the station's staff see everyone's).
  const canList = can('create', 'MealService');
  const [form, fields] = useSchemaForm(bookMealSchema, { id: 'book', actionData: result });
  const tr = useErrorText();
  const booked = data.rows.filter((r) => r.status === 'booked' || r.status === 'served' || r.status === 'missed').length;
  const waiting = data.rows.filter((r) => r.status === 'waiting').length;
  const params = (extra: Record<string, string>) => new URLSearchParams({ day: data.day, ...(data.sittingId ? { sitting: data.sittingId } : {}), ...extra }).toString();

  const columns: Column<Row>[] = [
    { id: 'sitting', header: t('meals.bookings.sitting'), label: t('meals.bookings.sitting'), cell: (r) => r.sitting, sortValue: (r) => r.meal },
    { id: 'name', header: t('meals.bookings.resident'), label: t('meals.bookings.resident'), cell: (r) => `${r.nameHint}${r.building ? ` · ${r.building}` : ''}` },
    { id: 'mode', header: t('meals.bookings.mode'), label: t('meals.bookings.mode'), cell: (r) => `${t(`meals.modes.${r.mode}`)}${r.diets.length ? ` · ${r.diets.join('、')}` : ''}` },
    {
      id: 'status',
      header: t('meals.bookings.status'),
      label: t('meals.bookings.status'),
      cell: (r) => <Badge tone={TONES[r.status] ?? 'neutral'}>{r.position ? t('meals.bookings.position', { n: r.position }) : t(`meals.statuses.${r.status}`)}</Badge>,
      sortValue: (r) => r.status,
    },
    { id: 'pay', header: t('meals.bookings.pay'), label: t('meals.bookings.pay'), className: 'tabular-nums', cell: (r) => `${yuan(r.payCents)}${r.subsidyCents ? `（${t('meals.bookings.subsidy')} ${yuan(r.subsidyCents)}）` : ''}` },
    { id: 'by', header: t('meals.bookings.bookedBy'), label: t('meals.bookings.bookedBy'), cell: (r) => t(`meals.bookers.${r.bookedBy}`) },
    {
      id: 'actions',
      header: '',
      // Only the steps the server would take for this booking now (its day, cut-off, state: listMealBookings' actions);
      // a grid worker, who books for the people listed for them, is given cancel only.
      cell: (r) =>
        canUpdate || canList ? (
          <ActionButtons
            allowed={r.actions}
            hiddenFields={{ bookingId: r.id }}
            busy={busy}
            actions={[
              { intent: 'cancel', label: t('meals.bookings.cancel'), variant: 'secondary', testId: 'meal-booking-cancel', confirm: { title: t('meals.bookings.cancel'), description: t('meals.bookings.cancelConfirm') } },
              { intent: 'offer', label: t('meals.bookings.offer'), variant: 'ghost', testId: 'meal-booking-offer' },
              { intent: 'deliver', label: t('meals.bookings.confirmDelivery'), variant: 'ghost', testId: 'meal-booking-deliver' },
            ]}
          />
        ) : null,
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('meals.bookings.title')} description={t('meals.bookings.count', { booked, waiting })} />
      <MealTabs />
      <PeriodForm period="day" value={data.day} label={t('meals.bookings.day')}>
        {data.q ? <input type="hidden" name="q" value={data.q} /> : null}
        {/* Another day keeps the person chosen to book for (and the sitting). */}
        {data.selected ? <input type="hidden" name="resident" value={data.selected.residentId} /> : null}
        {data.sittingId ? <input type="hidden" name="sitting" value={data.sittingId} /> : null}
      </PeriodForm>
      {result?.error ? <Alert tone="error">{t(result.error, result.params)}</Alert> : null}
      {data.sittings.length === 0 ? <NoSittings /> : null}

      <CardSection title={t('meals.bookings.book')} intro={t('meals.bookings.bookIntro')} bodyClassName="space-y-3">
        <ResidentFinder q={data.q} day={data.day} found={data.found} testId="meal-resident-matches" choose={(r) => (
            <Link className="text-brand-700 underline" to={`?${params({ resident: r.id })}`}>
              {t('meals.bookings.choose')}
            </Link>
          )}
        />
        {data.selected ? (
          <Form method="post" {...getFormProps(form)} className="space-y-3" data-testid="meal-book-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="book" />
            <input type="hidden" name="residentId" value={data.selected.residentId} />
            <input type="hidden" name="day" value={data.day} />
            <p className="text-sm font-medium text-slate-800">{data.selected.nameHint}</p>
            <p className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm text-slate-800" data-testid="meal-quote">
              {t('meals.bookings.quote', { price: yuan(data.selected.priceCents), subsidy: yuan(data.selected.subsidyCents), pay: yuan(data.selected.payCents) })}
              {data.selected.category ? `（${data.selected.category}）` : ''}
            </p>
            {/* Full or not, said before booking (issue 19's trial learnt it only after 预订). */}
            {data.selected.open ? (
              data.selected.placesLeft === 0 ? (
                <p className="text-sm text-amber-700" data-testid="meal-book-full">
                  {t('meals.resident.full', { n: data.selected.waiting, next: data.selected.waiting + 1 })}
                </p>
              ) : (
                <p className="text-sm text-slate-600" data-testid="meal-book-places">
                  {t('meals.resident.placesLeft', { n: data.selected.placesLeft })}
                </p>
              )
            ) : null}
            <div className="grid gap-2 sm:grid-cols-3">
              <Field id="book-sitting" label={t('meals.bookings.sitting')} error={tr(fields.sittingId.errors?.[0])}>
                <Select name="sittingId" size="sm" defaultValue={data.sittingId ?? ''} options={data.sittings.map((s) => ({ value: s.id, label: s.name }))} />
              </Field>
              <Field id="book-mode" label={t('meals.bookings.mode')} error={tr(fields.mode.errors?.[0])}>
                <Select name="mode" size="sm" defaultValue="dine_in" options={MEAL_MODES.map((m) => ({ value: m, label: t(`meals.modes.${m}`) }))} />
              </Field>
              {/* Several diets may apply to one person (低盐 and 糖尿病): a box each (bookMeal checks them). */}
              <CheckboxGroup name="diets" legend={t('meals.bookings.diet')} className="sm:col-span-3" options={data.diets.map((d) => ({ value: d, label: d }))} error={tr(fields.diets.errors?.[0])} />
            </div>
            {tr(form.errors?.[0]) ? <Alert tone="error">{tr(form.errors?.[0])}</Alert> : null}
            {data.card ? (
              <details className="rounded-md border border-slate-200 p-2 text-sm">
                <summary className="cursor-pointer text-brand-700">{t('meals.bookings.card')}</summary>
                <div className="mt-2 flex flex-wrap items-center gap-3">
                  {/* The QR code is made on the server from the card code (qrcode's SVG: no script, no external reference). */}
                  <div className="h-32 w-32" aria-hidden dangerouslySetInnerHTML={{ __html: data.card.svg }} />
                  <code className="break-all text-xs text-slate-600" data-testid="meal-card-code">
                    {data.card.code}
                  </code>
                </div>
              </details>
            ) : null}
            {/* Why the button is off: the cut-off first (a past day), then the menu, as bookMeal refuses. */}
            {!data.selected.open || !data.selected.published ? (
              <p className="text-sm text-amber-700" data-testid="meal-book-closed">
                {!data.selected.open ? t('refusals.meal.booking.cutoffPassed') : t('refusals.meal.menu.notPublished')}
              </p>
            ) : null}
            <Button type="submit" disabled={busy || !data.selected.open} data-testid="meal-book">
              {data.selected.open && data.selected.placesLeft === 0 ? t('meals.resident.joinWaiting') : t('meals.resident.book')}
            </Button>
          </Form>
        ) : null}
      </CardSection>

      {canList ? <DataTable rows={data.rows} columns={columns} rowKey={(r) => r.id} empty={t('meals.bookings.empty')} rowTestId="meal-booking-row" /> : null}
    </div>
  );
}
