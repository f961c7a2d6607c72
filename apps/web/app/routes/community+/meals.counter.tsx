import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { getFormProps } from '@conform-to/react';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { yuan } from '@shequ/domain';
import { getMealStation, listMealBookings, serveMealByCode } from '@shequ/use-cases';
import { serveMealByCodeSchema } from '@shequ/use-cases/schemas';
import { CsrfInput } from '~/components/csrf-input.tsx';
import { CameraScanner } from '~/components/meals/camera-scanner.tsx';
import { MealTabs } from '~/components/meals/meal-tabs.tsx';
import { NoSittings } from '~/components/meals/no-sittings.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { requireSubmission } from '~/lib/forms.server.ts';
import { useSchemaForm } from '~/lib/forms.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { pageTitle } from '~/lib/meta.ts';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';
import { chinaToday, mealCaller } from './meals.server.ts';

export const meta = pageTitle('meals.counter.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await mealCaller(request);
  const day = chinaToday();
  return runAsStaff(caller, async (tx) => {
    const station = await getMealStation(tx, caller);
    const rows = (await listMealBookings(tx, caller, { day })).rows;
    const sittings = station.sittings.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, meal: s.meal }));
    return {
      day,
      sittings,
      defaultSitting: sittings.find((s) => s.meal === 'lunch')?.id ?? sittings[0]?.id ?? '',
      served: rows.filter((r) => r.status === 'served').length,
      meals: rows.filter((r) => r.status === 'booked' || r.status === 'served' || r.status === 'missed').length,
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, ability, submission } = await requireSubmission(request, serveMealByCodeSchema, 'community');
  if (submission.status !== 'success') return data({ form: 'serve', result: submission.reply(), served: null, error: null as RefusalMessage | null, params: {} as Record<string, string | number>, at: Date.now() }, { status: 400 });
  const caller = { actor, ability };
  const v = submission.value;
  const done = await actAsStaff(caller, (tx) => serveMealByCode(tx, caller, { ...v, cipher: caseDeps.cipher }));
  // A refusal (not a card of ours, no booking today, already served) is said above the field, loud enough for a queue.
  if (!done.ok) return data({ form: 'serve', result: null, served: null, error: done.refusal.message, params: done.refusal.params, at: Date.now() }, { status: done.refusal.status });
  const s = done.value;
  // The code field is emptied for the next person (a new field); the last one served stays on screen.
  return data({ form: 'serve', result: null, error: null, params: {}, at: Date.now(), served: { name: s.nameHint, pay: yuan(s.payCents), subsidy: yuan(s.subsidyCents), category: s.category ?? '' } });
}

export default function MealCounterPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const [form, fields] = useSchemaForm(serveMealByCodeSchema, { id: 'serve', actionData: result });
  const tr = useErrorText();
  const formRef = useRef<HTMLFormElement>(null);
  const onCode = useCallback((code: string) => {
    const el = formRef.current;
    if (!el) return;
    (el.elements.namedItem('code') as HTMLInputElement).value = code;
    el.requestSubmit();
  }, []);
  return (
    <div className="space-y-4">
      <PageHeader title={t('meals.counter.title')} description={t('meals.counter.intro')} />
      <MealTabs />
      <p className="text-sm text-slate-600" data-testid="counter-today">
        {t('meals.counter.today', { served: data.served, meals: data.meals })}
      </p>
      {result?.error ? (
        <Alert tone="error" className="text-lg" data-testid="counter-refused">
          {t(result.error, result.params)}
        </Alert>
      ) : null}
      {result?.served ? (
        <Alert tone="success" className="text-lg" data-testid="counter-served">
          {t(result.served.category ? 'meals.counter.servedCategory' : 'meals.counter.served', result.served)}
        </Alert>
      ) : null}
      {data.sittings.length === 0 ? (
        // No sitting yet (a community that has not set up its station): nothing could be served; say so, not a bare 400.
        <div data-testid="counter-no-sittings">
          <NoSittings />
        </div>
      ) : (
        <Card>
          <CardBody>
            <Form method="post" {...getFormProps(form)} ref={formRef} className="space-y-3">
              <CsrfInput />
              <Field id="counter-sitting" label={t('meals.bookings.sitting')} error={tr(fields.sittingId.errors?.[0])}>
                <Select name="sittingId" defaultValue={data.defaultSitting} options={data.sittings.map((s) => ({ value: s.id, label: s.name }))} />
              </Field>
              <Field id="counter-code" label={t('meals.counter.code')} hint={t('meals.counter.codeHint')} error={tr(fields.code.errors?.[0])}>
                <Input key={result?.at ?? 0} name="code" autoFocus autoComplete="off" maxLength={120} className="text-lg" data-testid="counter-code" />
              </Field>
              <div className="flex flex-wrap items-start gap-2">
                <Button type="submit" size="lg" disabled={busy} data-testid="counter-serve">
                  {t('meals.counter.serve')}
                </Button>
                <CameraScanner onCode={onCode} />
              </div>
            </Form>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
