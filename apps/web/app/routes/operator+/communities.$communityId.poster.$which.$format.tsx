import { posterLoaderFor } from '~/lib/posters/respond.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

// Operators print any community's posters: `which` is a QR code id, `community` for the community's own code, or `all` (zip).
export const loader = resourceRoute('page', posterLoaderFor('operator'));
