import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listRegisterChoices, registerResident } from '@shequ/use-cases';
import { registerResidentSchema } from '@shequ/use-cases/schemas';
import { ResidentForm } from '~/components/residents/resident-form.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { redirectWithToast } from '~/lib/toast.server.ts';
import { actAsStaff, refusalReply, runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller, registerSubmission } from './residents.server.ts';

export const meta = pageTitle('residents.new');

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  return runAsStaff(caller, (tx) => listRegisterChoices(tx, caller));
}

// Staff register a person on their behalf; the use case checks everything (grid, duplicates, consent).
export async function action({ request }: ActionFunctionArgs) {
  const { caller, submission } = await registerSubmission(request, registerResidentSchema);
  if (submission.status !== 'success') return data({ result: submission.reply(), params: {} }, { status: 400 });
  const done = await actAsStaff(caller, (tx) => registerResident(tx, caller, { ...submission.value, cipher: caseDeps.cipher }));
  if (!done.ok) return refusalReply(done.error, (o) => submission.reply(o));
  return redirectWithToast(`/community/residents/${done.value.id}`, 'residents.registered');
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
          <ResidentForm schema={registerResidentSchema} lastResult={result?.result} params={result && 'params' in result ? (result.params as Record<string, unknown>) : undefined} fieldParams={result && 'fieldParams' in result ? (result.fieldParams as Record<string, Record<string, unknown>>) : undefined} choices={choices} mode="new" />
        </CardBody>
      </Card>
    </div>
  );
}
