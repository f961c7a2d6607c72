import { posterLoaderFor } from '~/lib/posters/respond.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// District and street officers print posters of the communities under them (the use case checks which).
export const loader = resourceRoute('page', posterLoaderFor('org'));
