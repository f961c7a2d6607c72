import { defineRefusals } from '../refusal.ts';

/**
 * Refusals of volunteer service (issue 17, decision 036). Messages under `refusals.<code>` (zh-CN and en); a refusal
 * about one field carries `{ field }`. Kept apart from refusals.ts so errors.ts can list them without an import cycle.
 */
export const VOLUNTEER_REFUSALS = defineRefusals({
  invalid: [
    'volunteer.invalid',
    'volunteer.consent.required',
    'volunteer.guardian.required',
    'volunteer.tooYoung',
    'volunteer.birth.unknown',
    'volunteer.leader.notEligible',
    'volunteer.leader.notPartyMember',
    'volunteer.shift.time',
    'volunteer.shift.places',
    'volunteer.activity.noShifts',
    'volunteer.activity.uninsured',
    'volunteer.signup.age',
    'volunteer.signup.skills',
    'volunteer.signup.training',
    'volunteer.qr.invalid',
    'volunteer.qr.expired',
    'volunteer.qr.outsideWindow',
    'volunteer.hours.time',
    'volunteer.hours.reason',
  ],
  notFound: ['volunteer.notFound', 'volunteer.team.notFound', 'volunteer.activity.notFound', 'volunteer.shift.notFound', 'volunteer.signup.notFound', 'volunteer.hours.notFound'],
  conflict: [
    'volunteer.duplicate',
    'volunteer.inactive',
    'volunteer.team.nameTaken',
    'volunteer.team.notRecruiting',
    'volunteer.team.alreadyApplied',
    'volunteer.team.notApplied',
    'volunteer.activity.notDraft',
    'volunteer.activity.notOpen',
    'volunteer.shift.started',
    'volunteer.signup.duplicate',
    'volunteer.signup.cutoffPassed',
    'volunteer.signup.notCheckedIn',
    'volunteer.signup.alreadyOut',
    'volunteer.hours.alreadyReversed',
    'volunteer.hours.isReversal',
    'volunteer.hours.notPending',
    'volunteer.hours.sameApprover',
    'volunteer.hours.leaderFirst',
  ],
  forbidden: ['volunteer.notYou'],
});
