import { posterLoaderFor } from '~/lib/posters/respond.server.ts';

// Operators print any community's posters: `which` is a QR code id, `community` for the community's own code, or `all` (zip).
export const loader = posterLoaderFor('operator');
