import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { addDays, chinaDateTime, yuan } from '@shequ/domain';
import { subject } from '@shequ/permissions';
import { getMealStation, getMealWeek, publishMenu, saveMenu } from '@shequ/use-cases';
import { mealMenuFormSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { NoSittings } from '~/components/meals/no-sittings.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { FormFoot } from '~/lib/form-reply.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '~/components/ui/card.tsx';
import { CheckboxGroup } from '~/components/ui/checkbox-group.tsx';
import { ConfirmButton } from '~/components/ui/dialog.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { useAbility, useScope } from '~/lib/ability.tsx';
import { badRequest, requireSubmission } from '~/lib/forms.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { queryDay } from '~/lib/query-params.ts';
import { type RefusalMessage, refusalMessage } from '~/lib/refusal.ts';
import { withToast } from '~/lib/toast.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.title');

type Problem = { message: RefusalMessage; params: Record<string, string | number> };

/** The Monday of the week of a day (China's weeks start on Monday). */
function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const from = mondayOf(queryDay(request, chinaToday(), 'from'));
  const { week, station } = await runAsStaff(caller, async (tx) => ({ week: await getMealWeek(tx, caller, { from, days: 7 }), station: await getMealStation(tx, caller) }));
  return {
    from,
    prev: addDays(from, -7),
    next: addDays(from, 7),
    dishes: station.dishes.map((d) => ({ id: d.id, name: d.name, tags: d.tags })),
    days: week.days.map((d) => ({
      day: d.day,
      sittings: d.sittings.map((s) => ({ ...s, cutoffAt: chinaDateTime(s.cutoffAt).slice(5, 16) })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, mealMenuFormSchema, 'community');
  if (submission.status !== 'success') {
    if (submission.error?.intent) badRequest();
    return data({ ok: false, error: 'validation.invalid' as RefusalMessage | 'validation.invalid' | null, params: {} as Record<string, string | number>, problems: [] as Problem[], key: String(submission.payload.key ?? '') }, { status: 400 });
  }
  const v = submission.value;
  const caller = { actor, ability };
  const done = await actAsStaff(caller, (tx) => (v.intent === 'save' ? saveMenu(tx, caller, v) : publishMenu(tx, caller, v)));
  const key = v.intent === 'save' ? `${v.sittingId}:${v.day}` : String(submission.payload.key ?? '');
  // Every problem of the refusal (a menu short of meat and of vegetables is told both at once).
  if (!done.ok) return data({ ok: false, error: done.refusal.message, params: done.refusal.params, problems: done.error.all.map((p) => ({ message: refusalMessage(p.code), params: p.params })), key }, { status: done.refusal.status });
  return withToast({ ok: true, error: null as RefusalMessage | null, params: {} as Record<string, string | number>, problems: [] as Problem[], key }, v.intent === 'save' ? 'meals.menuSaved' : 'meals.menuPublished');
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export default function MealMenuPage() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { tenantId } = useScope();
  const canEdit = useAbility().can('update', subject('MealService', { tenantId }));
  const weekday = (day: string) => (i18n.language === 'en' ? new Date(`${day}T00:00:00Z`).toLocaleDateString('en', { weekday: 'short', timeZone: 'UTC' }) : `周${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`);
  return (
    <div className="space-y-4">
      <PageHeader title={t('meals.title')} description={t('meals.intro')} />
      <MealTabs />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">{t('meals.menu.week', { from: data.from })}</h2>
        <div className="flex gap-2">
          <Button asChild variant="secondary" size="sm">
            <Link to={`?from=${data.prev}`}>{t('meals.menu.prevWeek')}</Link>
          </Button>
          <Button asChild variant="secondary" size="sm">
            <Link to={`?from=${data.next}`}>{t('meals.menu.nextWeek')}</Link>
          </Button>
        </div>
      </div>
      {data.days[0]?.sittings.length === 0 ? <NoSittings /> : null}
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {data.days.map((d) => (
          <Card key={d.day} data-testid={`menu-day-${d.day}`}>
            <CardHeader>
              <CardTitle>
                {d.day.slice(5)} {weekday(d.day)}
              </CardTitle>
            </CardHeader>
            <CardBody className="space-y-3">
              {d.sittings.map((s) => {
                const key = `${s.sittingId}:${d.day}`;
                const failed = result && !result.ok && result.key === key ? result : null;
                return (
                  <section key={s.sittingId} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`menu-${s.meal}-${d.day}`}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <h3 className="font-medium text-slate-800">{s.name}</h3>
                      <Badge tone={s.menu?.status === 'published' ? 'success' : s.menu ? 'progress' : 'muted'}>
                        {s.menu?.status === 'published' ? t('meals.menu.published') : s.menu ? t('meals.menu.draft') : t('meals.menu.none')}
                      </Badge>
                    </div>
                    <p className="text-xs text-slate-500">
                      {t('meals.menu.price', { price: yuan(s.priceCents) })} · {t('meals.menu.cutoff', { at: s.cutoffAt })}
                    </p>
                    {s.menu?.dishes.length ? (
                      <ul className="flex flex-wrap gap-1.5 text-sm">
                        {s.menu.dishes.map((dish) => (
                          <li key={dish.id} className="rounded bg-slate-100 px-2 py-0.5">
                            {dish.name}
                            <span className="ml-1 text-xs text-slate-500">{dish.tags.join(' ')}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {failed?.problems.length ? (
                      <Alert tone="error" data-testid="menu-problems">
                        <ul className="space-y-0.5">
                          {failed.problems.map((p, i) => (
                            <li key={i}>{t(p.message, p.params)}</li>
                          ))}
                        </ul>
                      </Alert>
                    ) : failed?.error ? (
                      <Alert tone="error">{t(failed.error, failed.params)}</Alert>
                    ) : null}
                    {canEdit && s.menu?.status !== 'published' ? (
                      <details className="rounded-md bg-slate-50 p-2" open={Boolean(failed)}>
                        <summary className="cursor-pointer text-sm text-brand-700">{t('meals.menu.edit')}</summary>
                        <Form method="post" noValidate className="mt-2 space-y-2">
                          <CsrfInput />
                          <input type="hidden" name="sittingId" value={s.sittingId} />
                          <input type="hidden" name="day" value={d.day} />
                          <CheckboxGroup
                            name="dishIds"
                            legend={t('meals.menu.pickDishes')}
                            options={data.dishes.map((dish) => ({ value: dish.id, label: `${dish.name}${dish.tags.length ? `（${dish.tags.join(' ')}）` : ''}` }))}
                            defaultValue={s.menu?.dishes.map((x) => x.id) ?? []}
                          />
                          {Object.keys(s.menuRule).length ? (
                            <p className="text-xs text-slate-500">
                              {t('meals.menu.rule')}：{Object.entries(s.menuRule).map(([tag, count]) => t('meals.menu.ruleItem', { tag, count })).join('，')}
                            </p>
                          ) : null}
                          <FormFoot intent="save" variant="secondary" size="sm">
                            {t('meals.menu.save')}
                          </FormFoot>
                        </Form>
                        {s.menu ? (
                          <Form method="post" noValidate className="mt-2">
                            <CsrfInput />
                            <input type="hidden" name="menuId" value={s.menu.id} />
                            <input type="hidden" name="key" value={key} />
                            <ConfirmButton name="intent" value="publish" size="sm" title={t('meals.menu.publish')} description={t('meals.menu.publishConfirm')} disabled={busy} data-testid={`publish-${s.meal}-${d.day}`}>
                              {t('meals.menu.publish')}
                            </ConfirmButton>
                          </Form>
                        ) : null}
                      </details>
                    ) : null}
                  </section>
                );
              })}
            </CardBody>
          </Card>
        ))}
      </div>
    </div>
  );
}
