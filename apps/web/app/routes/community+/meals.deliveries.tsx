import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatResidentAddress } from '@shequ/domain';
import { confirmMealDelivery, getDeliverySheet } from '@shequ/use-cases';
import { mealDeliveriesFormSchema } from '@shequ/use-cases/schemas';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { PeriodForm } from '~/components/meals/period-form.tsx';
import { PrintButton } from '~/components/meals/print-button.tsx';
import { ActionButtons } from '~/components/ui/action-buttons.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { EmptyState } from '~/components/ui/empty-state.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { replyInvalidSubmission, replyRefused, replySaved } from '~/lib/form-reply.server.ts';
import { useReply } from '~/lib/form-reply.tsx';
import { requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { queryDay } from '~/lib/query-params.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

// The delivery sheet (送餐单, issue 19's trial): the round by grid and building with the full mobiles to call, for the
// station's staff (every grid) and grid workers (their own grids), who confirm 送达 here. Printable.

export const meta = pageTitle('meals.deliveries.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const day = queryDay(request, chinaToday());
  return runAsStaff(caller, (tx) => getDeliverySheet(tx, caller, { day, cipher: caseDeps.cipher }));
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, mealDeliveriesFormSchema, 'community');
  if (submission.status !== 'success') return replyInvalidSubmission(submission);
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => confirmMealDelivery(tx, caller, submission.value));
  if (!done.ok) return replyRefused('deliver', done.error);
  return withToast(replySaved('deliver'), 'meals.deliver');
}

export default function DeliverySheetPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { alert } = useReply(useActionData<typeof action>());
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="space-y-4">
      <PageHeader title={`${t('meals.deliveries.title')} · ${data.day}`} description={t('meals.deliveries.count', { n: data.stops })} actions={<PrintButton />} />
      <MealTabs />
      <PeriodForm period="day" value={data.day} label={t('meals.bookings.day')} className="print:hidden" />
      <p className="text-sm text-slate-600 print:hidden">{t('meals.deliveries.intro')}</p>
      {alert('deliver')}
      {data.grids.length === 0 ? <EmptyState title={t('meals.deliveries.empty')} /> : null}
      {data.grids.map((g) => (
        <Card key={g.grid} className="break-inside-avoid" data-testid="delivery-sheet" data-grid={g.grid}>
          <CardHeader>
            <CardTitle>
              {g.grid || t('meals.kitchen.noGrid')}
              {g.gridWorker ? ` · ${g.gridWorker}` : ''} · {t('meals.deliveries.count', { n: g.stops.length })}
            </CardTitle>
          </CardHeader>
          <CardBody>
            <ol className="list-decimal space-y-2 pl-5 text-sm">
              {g.stops.map((stop) => {
                const address = formatResidentAddress(stop.building, stop.unit, stop.room);
                return (
                  <li key={stop.bookingId} data-testid="delivery-stop" data-booking={stop.bookingId} data-building={stop.building ?? ''} className="break-inside-avoid">
                    <div className="flex flex-wrap items-center gap-x-2">
                      <span className="font-medium text-slate-900">{address}</span>
                      <span>{stop.nameHint}</span>
                      <span className="text-slate-500">{stop.sitting}</span>
                      {stop.status !== 'booked' ? <Badge tone={stop.status === 'served' ? 'success' : 'danger'}>{t(`meals.statuses.${stop.status}`)}</Badge> : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-x-3">
                      {stop.mobile ? (
                        <a href={`tel:${stop.mobile}`} className="text-brand-700 underline tabular-nums" data-testid="delivery-mobile" aria-label={t('meals.deliveries.call', { mobile: stop.mobile })}>
                          {stop.mobile}
                        </a>
                      ) : (
                        <span className="text-slate-500">{t('meals.deliveries.noMobile')}</span>
                      )}
                      {stop.diets.length ? (
                        <span className="rounded bg-amber-50 px-1.5 text-amber-900" data-testid="delivery-diet">
                          {t('meals.bookings.diet')}：{stop.diets.join('、')}
                        </span>
                      ) : null}
                    </div>
                    <ActionButtons
                      className="mt-1 print:hidden"
                      allowed={{ deliver: stop.canConfirm }}
                      hiddenFields={{ bookingId: stop.bookingId }}
                      busy={busy}
                      actions={[
                        {
                          intent: 'deliver',
                          label: t('meals.deliveries.confirm'),
                          variant: 'secondary',
                          testId: 'delivery-confirm',
                          confirm: { title: t('meals.deliveries.confirmTitle'), description: t('meals.deliveries.confirmText', { name: stop.nameHint, address, sitting: stop.sitting }) },
                        },
                      ]}
                    />
                  </li>
                );
              })}
            </ol>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
