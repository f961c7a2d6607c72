import { posterLoaderFor } from '~/lib/posters/respond.server.ts';

// District and street officers print posters of the communities under them (the use case checks which).
export const loader = posterLoaderFor('org');
