import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listRegisterChoices, registerResident } from '@shequ/use-cases';
import { registerResidentSchema } from '@shequ/use-cases/schemas';
import { ResidentForm } from '~/components/residents/resident-form.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller, savePersonForm } from './residents.server.ts';

export const meta = pageTitle('residents.new');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  return runAsStaff(caller, (tx) => listRegisterChoices(tx, caller));
}

// Staff register a person on their behalf; the use case checks everything (grid, duplicates, consent).
export async function action({ request }: ActionFunctionArgs) {
  return savePersonForm(request, registerResidentSchema, (tx, caller, value) => registerResident(tx, caller, { ...value, cipher: caseDeps.cipher }), 'residents.registered');
}

export default function NewResident() {
  const { t } = useTranslation();
  const choices = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('residents.new')} description={t('residents.newIntro')} />
      <Card>
        <CardBody>
          <ResidentForm schema={registerResidentSchema} answer={result} choices={choices} mode="new" />
        </CardBody>
      </Card>
    </div>
  );
}
