import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportMealClaim } from '@shequ/use-cases';
import { resourceRoute } from '~/lib/resource-route.server.ts';
import { downloadClaim } from './meals.server.ts';

/** The month's subsidy claim for 民政 as an Excel file (a resource route: no page). */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => downloadClaim(request, '/community/meals/settlement', 'meal-claim', exportMealClaim));
