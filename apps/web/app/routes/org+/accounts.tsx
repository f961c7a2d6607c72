import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { UnitAccountsPage } from '~/components/accounts/unit-accounts-page.tsx';
import { pageTitle } from '~/lib/meta.ts';
import { unitAccountsAction, unitAccountsLoader } from '~/routes/operator+/accounts.server.ts';

export const meta = pageTitle('accounts.title');

// A district officer manages the officers of their district, its streets and departments, and its communities'
// admins (the page is refused to street officers and departments: they manage no accounts).
export const loader = ({ request }: LoaderFunctionArgs) => unitAccountsLoader(request, 'org');
export const action = ({ request }: ActionFunctionArgs) => unitAccountsAction(request, 'org');

export default UnitAccountsPage;
