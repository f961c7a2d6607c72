// The apps' boundary (issue 12, docs/decisions/028): routes and jobs call use cases; they never query. No drizzle-orm
// and none of the schema's table objects in apps/web/app or apps/worker/src (handlers, health probe, supervisor). apps/web/test/boundary.test.ts checks
// that every table @shequ/db exports is in this list, and that ESLint refuses such an import.
export const TABLE_EXPORTS = [
  'schema',
  'auditEvents',
  'authTokens',
  'buildings',
  'calendars',
  'caseEvents',
  'caseHoldings',
  'casePhotos',
  'caseRollupsDaily',
  'caseRollupsMonthly',
  'caseRollupsYearly',
  'cases',
  'categories',
  'communitySettings',
  'deadlines',
  'grids',
  'invitations',
  'mealBookings',
  'mealDishes',
  'mealMenuDishes',
  'mealMenus',
  'mealSittings',
  'mealSubsidyRules',
  'memberships',
  'notificationSettings',
  'notifications',
  'onboardingImports',
  'orgUnitMoves',
  'orgUnits',
  'outbox',
  'passwordResetCodes',
  'qrCodes',
  'replyTemplates',
  'residentConsents',
  'residentLinks',
  'residentTagLinks',
  'residentTags',
  'residents',
  'rollupDirty',
  'scoreWeights',
  'sessions',
  'slaPolicies',
  'cogovernanceSettings',
  'partnerUnits',
  'consultationMatters',
  'consultationMatterWishes',
  'consultationMeetings',
  'meetingParticipants',
  'agendaItems',
  'ballotCodes',
  'ballots',
  'consultationDecisions',
  'decisionObjections',
  'actionItems',
  'actionItemUpdates',
  'servicePosts',
  'servicePostClaims',
  'serviceOccurrences',
  'serviceRatings',
  'users',
];

const message = 'Apps hold no queries: call a use case from @shequ/use-cases (a query is a use case too).';

/** For no-restricted-imports: merged into the web app's own rule (eslint.config.js), used alone for the worker. */
export const boundaryPaths = [{ name: '@shequ/db', importNames: TABLE_EXPORTS, message }];
export const boundaryPatterns = [{ group: ['drizzle-orm', 'drizzle-orm/*', '@shequ/db/*'], message }];

export const workerBoundary = {
  // All of the worker: job handlers, the health probe (queue lag through readWorkLag), supervisor and process.
  files: ['apps/worker/src/**/*.ts'],
  ignores: ['apps/worker/src/**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { paths: boundaryPaths, patterns: boundaryPatterns }] },
};
