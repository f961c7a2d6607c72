import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { editResident, getResident, listRegisterChoices } from '@shequ/use-cases';
import { editResidentSchema } from '@shequ/use-cases/schemas';
import { ResidentForm } from '~/components/residents/resident-form.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { caseDeps } from '~/lib/deps.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { dataField, pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { registerCaller, savePersonForm } from './residents.server.ts';

export const meta = pageTitle('residents.edit', dataField('hints.name'));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await registerCaller(request);
  const page = await runAsStaff(caller, async (tx) => ({ person: await getResident(tx, caller, { residentId: params.residentId! }), choices: await listRegisterChoices(tx, caller) }));
  if (!page.person.may.edit) forbidden();
  const r = page.person.resident;
  return {
    choices: page.choices,
    hints: { name: r.nameHint, mobile: r.mobileHint, idNumber: r.idNumberHint },
    defaults: { gender: r.gender, birth: r.birth, buildingId: r.buildingId, unit: r.unit, room: r.room, note: r.note, tagIds: page.person.tagIds },
    residentId: r.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The person is the URL's, whatever the form's hidden field says.
  return savePersonForm(request, editResidentSchema, (tx, caller, value) => editResident(tx, caller, { ...value, residentId: params.residentId!, cipher: caseDeps.cipher }), 'residents.saved');
}

export default function EditResident() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('residents.edit')} description={[page.hints.name, page.hints.mobile, page.hints.idNumber].filter(Boolean).join(' · ')} />
      <p className="text-sm text-slate-500">{t('residents.editIntro')}</p>
      <Card>
        <CardBody>
          <ResidentForm schema={editResidentSchema} answer={result} choices={page.choices} defaults={page.defaults} mode="edit" hidden={{ residentId: page.residentId }} />
        </CardBody>
      </Card>
    </div>
  );
}
