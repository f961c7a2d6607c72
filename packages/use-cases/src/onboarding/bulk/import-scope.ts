import { type Scope, SYSTEM_SCOPES } from '@shequ/db';

/** Imports run in the operators' maintenance scope (named, logged): they create communities, which belong to no community yet. */
export const IMPORT_SCOPE: Scope = { system: SYSTEM_SCOPES.maintenance, reason: 'onboarding import' };
