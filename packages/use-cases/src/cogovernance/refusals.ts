import { defineRefusals } from '../refusal.ts';

/** Refusals of the co-governance committee (issue 18, decision 037): matters, meetings, votes, decisions, actions. */
export const COGOVERNANCE_REFUSALS = defineRefusals({
  invalid: [
    'consultation.title.required',
    'consultation.wishes.invalid',
    'consultation.unit.required',
    'consultation.place.required',
    'consultation.time.invalid',
    'consultation.agenda.empty',
    'consultation.votes.invalid',
    'consultation.votes.tooMany',
    'consultation.quorum.notMet',
    'consultation.threshold.notMet',
    'consultation.rules.invalid',
    'consultation.code.invalid',
    'consultation.objection.invalid',
    'consultation.owner.invalid',
    'consultation.progress.invalid',
    'consultation.minutes.empty',
    'partner.kind.invalid',
    'partner.mobile.invalid',
  ],
  forbidden: ['consultation.chairOnly'],
  notFound: ['consultation.notFound', 'partner.notFound'],
  conflict: [
    'consultation.meeting.closed',
    'consultation.item.decided',
    'consultation.ballot.closed',
    'consultation.ballot.open',
    'consultation.code.used',
    'consultation.notice.over',
    'consultation.minutes.approved',
    'consultation.registration.cancelled',
    'partner.name.taken',
  ],
});
