import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { UnitAccountsPage } from '~/components/accounts/unit-accounts-page.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { unitAccountsAction, unitAccountsLoader } from './accounts.server.ts';

export const meta = pageTitle('accounts.title');

// Operators manage officers' accounts of every district, street and department, and every community's admins.
export const loader = ({ request }: LoaderFunctionArgs) => unitAccountsLoader(request, 'operator');
export const action = ({ request }: ActionFunctionArgs) => unitAccountsAction(request, 'operator');

export default UnitAccountsPage;
