import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, DEMO_PASSWORD } from '../support/browser.ts';
import {
  communityFingerprint,
  communityQrPath,
  createOrgUser,
  createOtherDistrict,
  createStaffUser,
  openInvitationId,
  removeFixtures,
  removeUnits,
  resourceIds,
  TINY_PNG,
  unitIdByName,
} from '../support/fixtures.ts';

/*
 * Issue 13: for every route, people of one place ask for another community's ids by URL, by form post and by
 * download; each answer is 403 or 404 and nothing changes. The list of routes is Remix's own route manifest, read
 * from the running server (the file the browser loads), so it follows the route tree whatever the files are called;
 * a route without an entry in PROBES below fails the first test.
 *
 * Community B (the victim) is 金元社区. The attackers:
 * - admin: the community admin of 世纪城社区 (another community, another street);
 * - street: a street officer of 世纪城街道 (a street that is not B's);
 * - dept: a department handler of a department in another district;
 * - district: a district officer of another district (for the accounts pages, which district officers manage);
 * - resident: nobody signed in (a resident of another community, on that community's pages).
 */

type Who = 'admin' | 'street' | 'dept' | 'district' | 'resident';
type Ids = Awaited<ReturnType<typeof resourceIds>> & { streetId: string; ownSlug: string; importId: string; invitationId: string };
type Probe = {
  url: string;
  /** A form post (with the attacker's CSRF token added) instead of a GET. */
  form?: Record<string, string | null | undefined>;
  as?: Who[];
  /** Statuses that count as refused; 403 and 404 unless said otherwise (with the reason beside it). */
  refused?: number[];
};
type Entry = { probes: (ids: Ids) => Probe[] } | { notScoped: string };

const SIGNED_IN: Who[] = ['admin', 'street', 'dept'];
const ALL: Who[] = ['admin', 'street', 'dept', 'resident'];
// A signed-out request to a signed-in page is sent to /login (302): that is refused too.
const SIGNED_OUT_OK = [302, 403, 404];
const OPERATOR_ONLY = (url: string, form?: Probe['form']): Probe => ({ url, form, as: ALL, refused: SIGNED_OUT_OK });

const PROBES: Record<string, Entry> = {
  '(root)': { notScoped: 'the document shell: language, and the signed-in user’s own name and workspaces' },
  '/ (index)': { notScoped: 'redirects to the signed-in user’s own console or to sign-in' },
  '/*': { notScoped: 'the not-found page' },
  '/login': { notScoped: 'sign-in (throttling is tested in accounts.e2e)' },
  '/logout': { notScoped: 'ends the caller’s own session' },
  '/locale': { notScoped: 'sets the caller’s language cookie' },
  '/display': { notScoped: 'sets the caller’s large-text cookie' },
  '/healthz': { notScoped: 'liveness, no data' },
  '/readyz': { notScoped: 'readiness, no data' },
  '/help/metrics': { notScoped: 'the definitions of the figures, the same for everyone (no loader)' },
  '/forgot-password': { notScoped: 'asks a code for a typed mobile and spends it: the same answer for any mobile (unit-accounts.int, accounts-sms.e2e)' },
  '/invite/:token': { notScoped: 'a secret link; accounts.e2e covers what it shows and its throttling' },
  '/reset-password/:token': { notScoped: 'a secret link, checked by accounts.e2e and sign-in.e2e' },
  '/workspaces': { probes: (b) => [{ url: '/workspaces', form: { membershipId: b.membershipId }, as: SIGNED_IN }] },
  '/notifications': { notScoped: 'the caller’s own notifications and channels, keyed by their user id' },
  '/refused': { notScoped: 'a refused file’s page, drawn by the web server with the refusal it was given; opened directly, a 404 in the caller’s own shell' },

  // Residents reach a community by its slug; another community's QR token, tracking code or photo under it is unknown.
  '/c/:slug': { probes: (b) => [{ url: `/c/${b.ownSlug}/q/${b.qrToken}`, as: ['resident'], refused: [404] }] },
  '/c/:slug/q/:token': { probes: (b) => [{ url: `/c/${b.ownSlug}/q/${b.qrToken}`, as: ['resident'], refused: [404] }] },
  '/c/:slug/track (index)': {
    // Looking a code up under the wrong community goes to that community's tracking page, which does not know it.
    probes: (b) => [{ url: `/c/${b.ownSlug}/track/${b.trackingCode}`, as: ['resident'], refused: [404] }],
  },
  '/c/:slug/track/:code': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/track/${b.trackingCode}`, as: ['resident'], refused: [404] },
      { url: `/c/${b.ownSlug}/track/${b.trackingCode}`, form: { intent: 'rate', rating: '1' }, as: ['resident'], refused: [404] },
    ],
  },
  // Residents' own pages (decision 035): the session lives in the community that issued it and its cookie is the
  // resident's own (staff cookies mean nothing there); without one in this community, "我的" sends to its sign-in.
  '/c/:slug/me (index)': { probes: (b) => [{ url: `/c/${b.ownSlug}/me`, as: ALL, refused: [302] }] },
  '/c/:slug/me/choose': { probes: (b) => [{ url: `/c/${b.ownSlug}/me/choose`, as: ALL, refused: [302] }, { url: `/c/${b.ownSlug}/me/choose`, form: { communityId: b.communityId }, as: ALL, refused: [302] }] },
  // The committee's public pages (决议公开, decision 037): open to anyone by design, but a decision is found only
  // under its own community's address.
  '/c/:slug/me/meals': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/me/meals?for=${b.residentId}`, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/meals`, form: { intent: 'book', residentId: b.residentId, sittingId: b.mealSittingId, day: '2030-01-01', mode: 'dine_in' }, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/meals`, form: { intent: 'cancel', bookingId: b.mealBookingId }, as: ALL, refused: [302] },
    ],
  },
  '/c/:slug/decisions (index)': { notScoped: 'lists the published decisions of the community of the URL only, to anyone: public by design (decisions.int)' },
  '/c/:slug/decisions/:token': { probes: (b) => [{ url: `/c/${b.ownSlug}/decisions/${b.decisionToken}`, as: ALL, refused: [404] }] },
  '/c/:slug/ballot': { notScoped: 'a code is looked up only in the community of the URL and hashed with it (castSecretBallot under withTenant); no id in the URL' },
  '/c/:slug/post-check-in': { notScoped: 'a code is looked up only in the community of the URL and hashed with it (checkInOccurrenceAtPost under withTenant); no id in the URL (post-check-in.int)' },
  '/c/:slug/rate/:occurrenceId': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/rate/${b.occurrenceId}`, as: ALL, refused: [404] },
      { url: `/c/${b.ownSlug}/rate/${b.occurrenceId}`, form: { stars: '1' }, as: ALL, refused: [404] },
    ],
  },
  // The co-governance committee's staff pages (issue 18): B's meeting, decision, matter, unit, post and occurrence.
  '/community/committee (index)': {
    probes: (b) => [
      { url: '/community/committee', as: ['street', 'dept'] },
      { url: '/community/committee', form: { intent: 'matter', title: '越权', source: 'wish', caseIds: b.caseId }, refused: [403, 404, 422] },
      { url: '/community/committee', form: { intent: 'meeting', topic: '越权', startsAt: '2030-01-01T09:00', place: '某处', matterIds: b.matterId }, refused: [403, 404, 422] },
    ],
  },
  '/community/committee/meetings/:meetingId/minutes-file': { probes: (b) => [{ url: `/community/committee/meetings/${b.meetingId}/minutes-file` }] },
  '/community/committee/meetings/:meetingId': {
    probes: (b) => [
      { url: `/community/committee/meetings/${b.meetingId}` },
      ...['register', 'cancel', 'issueCode'].map((intent) => ({ url: `/community/committee/meetings/${b.meetingId}`, form: { intent, participantId: b.meetingId } })),
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'attendance' } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'checkIn', code: 'ABCDEFGH' } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'openBallot', itemId: b.meetingId } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'decide', itemId: b.meetingId, outcome: 'deferred' } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'minutes', minutes: '越权' } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'removeMinutesFile' } },
      { url: `/community/committee/meetings/${b.meetingId}`, form: { intent: 'approveMinutes' } },
    ],
  },
  '/community/committee/decisions/:decisionId': {
    probes: (b) => [
      { url: `/community/committee/decisions/${b.decisionId}` },
      { url: `/community/committee/decisions/${b.decisionId}`, form: { intent: 'addAction', title: '越权', ownerKind: 'team', ownerTeam: '某队' } },
      { url: `/community/committee/decisions/${b.decisionId}`, form: { intent: 'progress', actionItemId: b.decisionId, progress: '100' } },
    ],
  },
  '/community/committee/decisions/:decisionId/updates/:updateId/photo': { probes: (b) => [{ url: `/community/committee/decisions/${b.decisionId}/updates/${b.decisionId}/photo` }] },
  '/community/committee/partners': {
    probes: () => [
      { url: '/community/committee/partners', as: ['street', 'dept'] },
      { url: '/community/committee/partners', form: { intent: 'register', name: '越权单位', kind: 'enterprise' }, as: ['street', 'dept'] },
    ],
  },
  '/community/committee/partners/import-template': { probes: () => [{ url: '/community/committee/partners/import-template', as: ['street', 'dept'] }] },
  // The meeting form's picker: finds people of the caller's own community only (findResidents under its tenant); no id in the URL.
  '/community/committee/people': { probes: () => [{ url: '/community/committee/people?q=13800000004', as: ['street', 'dept'] }] },
  '/community/committee/report': { probes: () => [{ url: '/community/committee/report?format=xlsx', as: ['street', 'dept'] }, { url: '/community/committee/report?format=pdf', as: ['street', 'dept'] }] },
  '/community/committee/units/:unitId/report': {
    probes: (b) => [{ url: `/community/committee/units/${b.partnerUnitId}/report?format=pdf` }, { url: `/community/committee/units/${b.partnerUnitId}/report?format=xlsx` }],
  },
  '/community/committee/posts': {
    probes: (b) => [
      { url: '/community/committee/posts', as: ['street', 'dept'] },
      { url: '/community/committee/posts', form: { intent: 'claim', postId: b.postId, partnerUnitId: b.partnerUnitId, claimedOn: '2030-01-01' } },
      { url: '/community/committee/posts', form: { intent: 'record', occurrenceId: b.occurrenceId, status: 'missed' } },
      { url: '/community/committee/posts', form: { intent: 'issueCode', occurrenceId: b.occurrenceId } },
    ],
  },
  // 我的志愿服务 and the scan page a shift's QR opens (issue 17): nothing without a resident session of this community
  // (302 to its sign-in), and a signed-in resident acts only as themselves inside it (another community's shift is
  // unknown: volunteer.shift.notFound, volunteers.int).
  '/c/:slug/me/volunteering': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/me/volunteering`, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/volunteering`, form: { intent: 'signUp', shiftId: b.shiftId }, as: ALL, refused: [302] },
    ],
  },
  // A certificate's PDF is its volunteer's own (302 to sign-in without a session of this community); its public
  // verification page finds a code only under its own community's address (404).
  '/c/:slug/me/certificates/:certificateId': { probes: (b) => [{ url: `/c/${b.ownSlug}/me/certificates/${b.certificateId}`, as: ALL, refused: [302] }] },
  '/c/:slug/wishes': {
    probes: (b) => [{ url: `/c/${b.ownSlug}/wishes`, form: { itemId: b.wishItemId, promisedOn: '2026-12-31' }, as: ALL, refused: [302] }],
  },
  '/c/:slug/honours': { notScoped: 'the honour wall of the community of the URL only, to anyone: public by design, masked names of those who agreed (volunteers.int)' },
  '/c/:slug/cert/:code': { probes: (b) => [{ url: `/c/${b.ownSlug}/cert/${b.certificateCode}`, as: ['resident'], refused: [404] }] },
  '/c/:slug/v/scan': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/v/scan?shift=${b.shiftId}&code=abcdefgh`, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/v/scan?shift=${b.shiftId}&code=abcdefgh`, form: { shiftId: b.shiftId, code: 'abcdefgh' }, as: ALL, refused: [302] },
    ],
  },
  '/c/:slug/me/sign-in': { notScoped: 'asks a code for a typed mobile in the community of the URL and spends it there (resident-sign-in.int, me.e2e)' },
  '/c/:slug/me/sign-out': { notScoped: 'ends the caller’s own resident session in the community of the URL' },
  '/c/:slug/track/:code/photos/:photoId': { probes: (b) => [{ url: `/c/${b.ownSlug}/track/${b.trackingCode}/photos/${b.photoId}`, as: ['resident'], refused: [404] }] },

  // The community console: officers are refused at the door (403); another community's admin gets 404 for B's ids.
  '/community': { probes: () => [{ url: '/community', as: ['street', 'dept'] }] },
  '/community (index)': { probes: () => [{ url: '/community', as: ['street', 'dept'] }] },
  '/community/cases (index)': { probes: (b) => [{ url: `/community/cases?grid=${b.gridId}&building=${b.buildingId}&category=${b.categoryId}`, as: ['street', 'dept'] }] },
  '/community/cases/new': {
    probes: (b) => [
      { url: '/community/cases/new', as: ['street', 'dept'] },
      // B's category and building offered to A's intake form: refused as not one of A's choices (422: the use case's invalid-input refusal; nothing written).
      { url: '/community/cases/new', form: { categoryId: b.categoryId!, buildingId: b.buildingId!, content: '跨社区提交', channel: 'walk_in' }, refused: [403, 404, 422] },
    ],
  },
  '/community/cases/:caseId': {
    probes: (b) => [
      { url: `/community/cases/${b.caseId}` },
      ...['accept', 'reveal', 'reply', 'resolve', 'reject', 'assign', 'escalate', 'close'].map((intent) => ({
        url: `/community/cases/${b.caseId}`,
        form: { intent, body: '越权', reason: 'spam', assigneeId: b.adminUserId },
      })),
    ],
  },
  '/community/cases/:caseId/photos/:photoId': { probes: (b) => [{ url: `/community/cases/${b.caseId}/photos/${b.photoId}` }] },
  '/community/dashboard (index)': { probes: () => [{ url: '/community/dashboard', as: ['street', 'dept'] }] },
  '/community/dashboard/export': { probes: () => [{ url: '/community/dashboard/export?format=csv', as: ['street', 'dept'] }] },
  '/community/grids': {
    probes: (b) => [
      { url: '/community/grids', as: ['street', 'dept'] },
      { url: '/community/grids', form: { intent: 'updateGrid', gridId: b.gridId!, name: '越权网格', code: '' } },
      { url: '/community/grids', form: { intent: 'createBuilding', gridId: b.gridId!, name: '越权楼' } },
      { url: '/community/grids', form: { intent: 'moveBuilding', buildingId: b.buildingId!, gridId: b.gridId! } },
    ],
  },
  '/community/qr': { probes: (b) => [{ url: '/community/qr', as: ['street', 'dept'] }, { url: '/community/qr', form: { qrId: b.qrId, intent: 'replace' } }] },
  '/community/qr/:qrId/:format': { probes: (b) => [{ url: `/community/qr/${b.qrId}/png` }, { url: `/community/qr/${b.qrId}/svg` }] },
  '/community/qr/:qrId/poster/:format': { probes: (b) => [{ url: `/community/qr/${b.qrId}/poster/pdf` }] },
  // Volunteer service (issue 17): another community's shift is a 404 (page, QR image, check-in and approval posts).
  '/community/volunteers (index)': {
    probes: (b) => [
      { url: '/community/volunteers', as: ['street', 'dept'] },
      { url: '/community/volunteers', form: { intent: 'decide', teamId: b.shiftId, residentId: b.residentId, accept: 'on' }, refused: [403, 404] },
      // Approving an hour entry outside shifts (待审核时长, issue 17) with another community's id: not found here.
      { url: '/community/volunteers', form: { intent: 'approveHours', entryId: b.shiftId, step: 'leader' }, refused: [403, 404] },
    ],
  },
  '/community/volunteers/shifts/:shiftId': {
    probes: (b) => [
      { url: `/community/volunteers/shifts/${b.shiftId}` },
      { url: `/community/volunteers/shifts/${b.shiftId}`, form: { intent: 'approve' } },
      { url: `/community/volunteers/shifts/${b.shiftId}`, form: { intent: 'checkIn', signupId: b.shiftId } },
      { url: `/community/volunteers/shifts/${b.shiftId}`, form: { intent: 'approveSome', entryIds: b.shiftId } },
      { url: `/community/volunteers/shifts/${b.shiftId}`, form: { intent: 'walkUp', name: '越权现场', mobile: '13900000001', birth: '1990-01-01', consent: 'on' } },
      { url: `/community/volunteers/shifts/${b.shiftId}`, form: { intent: 'reverse', entryId: b.shiftId, reason: '越权冲正' } },
    ],
  },
  '/community/volunteers/recognitions': {
    probes: (b) => [
      { url: '/community/volunteers/recognitions', as: ['street', 'dept'] },
      // Another community's person or nomination is unknown here (404) or refused as a choice (422).
      { url: '/community/volunteers/recognitions', form: { intent: 'nominate', residentId: b.residentId, title: '越权表彰', year: '2026', citation: '越权' }, refused: [403, 404, 422] },
      { url: '/community/volunteers/recognitions', form: { intent: 'decide', recognitionId: b.residentId, approve: 'on' }, refused: [403, 404, 422] },
    ],
  },
  '/community/volunteers/figures': { probes: () => [{ url: '/community/volunteers/figures?year=2026', as: ['street', 'dept'] }] },
  '/community/volunteers/figures/export': { probes: () => [{ url: '/community/volunteers/figures/export?year=2026', as: ['street', 'dept'] }] },
  '/community/volunteers/activities/new': {
    probes: (b) => [
      { url: `/community/volunteers/activities/new?wish=${b.caseId}`, as: ['street', 'dept'] },
      // Another community's team or wish: unknown here (404) or refused as a choice (422); nothing is written.
      { url: '/community/volunteers/activities/new', form: { teamId: b.shiftId, title: '越权活动', place: '越权', 'shifts[0].startsAt': '2027-01-01T09:00', 'shifts[0].endsAt': '2027-01-01T11:00', 'shifts[0].capacity': '5' }, refused: [403, 404, 422] },
    ],
  },
  '/community/volunteers/people': {
    probes: (b) => [
      { url: '/community/volunteers/people?q=13800000004', as: ['street', 'dept'] },
      // Another community's person cannot be registered here, nor lead a team here.
      { url: '/community/volunteers/people', form: { intent: 'register', residentId: b.residentId, consent: 'on' }, refused: [403, 404, 409, 422] },
      { url: '/community/volunteers/people', form: { intent: 'team', name: '越权队', leaderResidentId: b.residentId }, refused: [403, 404, 422] },
    ],
  },
  '/community/volunteers/wishes': {
    probes: (b) => [
      { url: '/community/volunteers/wishes', as: ['street', 'dept'] },
      { url: '/community/volunteers/wishes', form: { intent: 'publish', caseId: b.caseId, title: '越权心愿', publicText: '越权' }, refused: [403, 404, 422] },
      { url: '/community/volunteers/wishes', form: { intent: 'lit', itemId: b.wishItemId }, refused: [403, 404, 409] },
      { url: '/community/volunteers/wishes', form: { intent: 'unitClaim', itemId: b.wishItemId, partnerUnitId: b.partnerUnitId, promisedOn: '2030-01-01' }, refused: [403, 404, 409, 422] },
    ],
  },
  '/community/volunteers/settings': { probes: () => [{ url: '/community/volunteers/settings', as: ['street', 'dept'] }, { url: '/community/volunteers/settings', form: { roundingMinutes: '30' }, as: ['street', 'dept'] }] },
  // A team's page and a volunteer's page (issue 17): another community's team or volunteer is unknown (404), also
  // to a post; street and department officers have no community console (403).
  '/community/volunteers/teams/:teamId': {
    probes: (b) => [
      { url: `/community/volunteers/teams/${b.teamId}` },
      { url: `/community/volunteers/teams/${b.teamId}`, form: { focus: '越权', recruiting: 'on' } },
    ],
  },
  '/community/volunteers/person/:residentId': {
    probes: (b) => [
      { url: `/community/volunteers/person/${b.volunteerId}` },
      { url: `/community/volunteers/person/${b.volunteerId}`, form: { name: '越权培训', completedOn: '2026-01-01' } },
    ],
  },
  '/community/volunteers/shifts/:shiftId/qr': { probes: (b) => [{ url: `/community/volunteers/shifts/${b.shiftId}/qr` }] },
  '/community/volunteers/wishes/:itemId/photo': { probes: (b) => [{ url: `/community/volunteers/wishes/${b.wishItemId}/photo` }] },
  // The residents' register (decision 034): officers are refused at the door; another community's admin gets 404 for
  // B's people and 400 for B's building offered to A's form (nothing written).
  '/community/residents (index)': { probes: (b) => [{ url: `/community/residents?grid=${b.gridId}&building=${b.buildingId}&q=135`, as: ['street', 'dept'] }] },
  '/community/residents/new': {
    probes: (b) => [
      { url: '/community/residents/new', as: ['street', 'dept'] },
      // Another community's building is no building of the caller's: refused beside the field (422 since typed refusals).
      { url: '/community/residents/new', form: { name: '越权登记', buildingId: b.buildingId!, consent: 'on', consentChannel: 'in_person' }, refused: [403, 404, 422] },
    ],
  },
  '/community/residents/import': { probes: () => [{ url: '/community/residents/import', as: ['street', 'dept'] }, { url: '/community/residents/import', form: { intent: 'check' }, as: ['street', 'dept'] }] },
  '/community/residents/import-template': { probes: () => [{ url: '/community/residents/import-template', as: ['street', 'dept'] }] },
  '/community/residents/:residentId (index)': {
    probes: (b) => [
      { url: `/community/residents/${b.residentId}` },
      ...['reveal', 'moveOut', 'link', 'revokeSessions'].map((intent) => ({ url: `/community/residents/${b.residentId}`, form: { intent, other: '13512345670', kind: 'household' } })),
    ],
  },
  '/community/residents/:residentId/edit': {
    probes: (b) => [{ url: `/community/residents/${b.residentId}/edit` }, { url: `/community/residents/${b.residentId}/edit`, form: { name: '越权改名', residentId: b.residentId } }],
  },
  '/community/residents/:residentId/merge': {
    probes: (b) => [{ url: `/community/residents/${b.residentId}/merge?q=1` }, { url: `/community/residents/${b.residentId}/merge`, form: { duplicateId: b.residentId } }],
  },
  '/community/residents/sign-ups': {
    probes: (b) => [
      { url: '/community/residents/sign-ups', as: ['street', 'dept'] },
      { url: '/community/residents/sign-ups', form: { intent: 'confirm', signUpId: b.signUpId, name: '越权登记' } },
      { url: '/community/residents/sign-ups', form: { intent: 'dismiss', signUpId: b.signUpId } },
    ],
  },
  // The party organisation (issue 16): officers are refused at the door; another community's admin gets 404 for B's
  // organisations and members, and B's organisation as the parent of a new one is refused beside the field (422).
  '/community/party': {
    probes: (b) => [
      { url: '/community/party', as: ['street', 'dept'] },
      { url: '/community/party', form: { intent: 'createOrg', kind: 'branch', name: '越权支部', parentId: b.partyOrgId }, refused: [403, 404, 422] },
      { url: '/community/party', form: { intent: 'addMember', orgId: b.partyOrgId, person: '13512345670', kind: 'local' } },
      { url: '/community/party', form: { intent: 'removeMember', memberId: b.partyMemberId } },
    ],
  },
  // Visiting care (issue 20): officers are refused at the door; another community's admin gets 404 for B's person
  // (care page, its tier and major-change forms, the visit form and a visit posted to it) and for B's grid handed over.
  '/community/care (index)': { probes: (b) => [{ url: `/community/care?grid=${b.gridId}`, as: ['street', 'dept'] }] },
  '/community/care/:residentId (index)': {
    probes: (b) => [
      { url: `/community/care/${b.residentId}` },
      { url: `/community/care/${b.residentId}`, form: { intent: 'tier', tier: 'high', reason: '越权' } },
      { url: `/community/care/${b.residentId}`, form: { intent: 'majorChange', kind: 'hospital' } },
      { url: `/community/care/${b.residentId}`, form: { intent: 'pair', other: '13512345670' } },
    ],
  },
  '/community/care/:residentId/visit': {
    probes: (b) => [
      { url: `/community/care/${b.residentId}/visit` },
      { url: `/community/care/${b.residentId}/visit`, form: { id: '0b4d3f9e-5c1a-4f7e-9d2b-6a8c0e1f2a3b', kind: 'home', seen: 'self', note: '越权走访' } },
    ],
  },
  '/community/care/:residentId/visits/:visitId/photo': { probes: (b) => [{ url: `/community/care/${b.residentId}/visits/${b.residentId}/photo` }] },
  '/community/care/app': { probes: () => [{ url: '/community/care/app', as: ['street', 'dept'] }] },
  '/community/care/sync': {
    probes: (b) => [
      { url: '/community/care/sync', as: ['street', 'dept'] },
      { url: '/community/care/sync', form: { intent: 'visit', id: '1c5e7a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', residentId: b.residentId, kind: 'home', seen: 'self', visitedAt: String(Date.now()) } },
      { url: '/community/care/sync', form: { intent: 'need', id: '2d6f8b3c-4e5a-4b7c-9d0e-1f2a3b4c5d6e', residentId: b.residentId, categoryId: b.categoryId!, content: '越权需求' } },
      {
        url: '/community/care/sync',
        form: { intent: 'edit', id: '3e7a9c4d-5f6b-4c8d-8e1f-2a3b4c5d6e7f', residentId: b.residentId, edit: JSON.stringify({ baseVersion: '2026-01-01T00:00:00.000Z', base: { note: null }, mine: { note: '越权' }, editedAt: Date.now() }) },
      },
    ],
  },
  // The conflict list names no id in its address; B's conflict id posted to A is not found (nothing resolved).
  '/community/care/conflicts': { probes: (b) => [{ url: '/community/care/conflicts', as: ['street', 'dept'] }, { url: '/community/care/conflicts', form: { id: b.residentId, note: 'mine' } }] },
  '/community/care/manage': {
    probes: (b) => [
      { url: `/community/care/manage?grid=${b.gridId}`, as: ['street', 'dept'] },
      { url: '/community/care/manage', form: { intent: 'handOver', gridId: b.gridId!, toUserId: b.adminUserId } },
    ],
  },
  // The care rules name no id: officers are refused at the door; each community sees and saves only its own versions.
  '/community/care/rules': { probes: () => [{ url: '/community/care/rules', as: ['street', 'dept'] }] },
  // Meal help (decision 038): officers are refused at the door; another community's admin gets 404 for B's people and
  // bookings (a meal card of B's person is not a card of theirs: 422 beside the code field, nothing served).
  '/community/meals (index)': { probes: (b) => [{ url: '/community/meals', as: ['street', 'dept'] }, { url: '/community/meals', form: { intent: 'publish', menuId: b.mealMenuId } }] },
  '/community/meals/bookings': {
    probes: (b) => [
      { url: '/community/meals/bookings', as: ['street', 'dept'] },
      { url: `/community/meals/bookings?resident=${b.residentId}`, as: ['street', 'dept'] },
      { url: '/community/meals/bookings', form: { intent: 'book', residentId: b.residentId, sittingId: b.mealSittingId, day: '2030-01-01', mode: 'dine_in' } },
      ...['cancel', 'offer', 'deliver'].map((intent) => ({ url: '/community/meals/bookings', form: { intent, bookingId: b.mealBookingId } })),
    ],
  },
  '/community/meals/counter': {
    probes: (b) => [
      { url: '/community/meals/counter', as: ['street', 'dept'] },
      { url: '/community/meals/counter', form: { code: `MC1.${b.residentId}.0000000000000000`, sittingId: b.mealSittingId }, refused: [403, 404, 422] },
    ],
  },
  '/community/school (index)': {
    probes: (b) => [
      { url: '/community/school', as: ['street', 'dept'] },
      { url: '/community/school', form: { intent: 'course', termId: b.schoolTermId, title: '越权课程', weekday: '2', startsAt: '09:00', endsAt: '10:00', room: '活动室', capacity: '5', fee: '0', rule: 'first_come' } },
    ],
  },
  '/community/school/courses/:courseId/sign-in': {
    probes: (b) => [
      { url: `/community/school/courses/${b.courseId}/sign-in` },
      { url: `/community/school/courses/${b.courseId}/sign-in`, as: ['street', 'dept'] },
    ],
  },
  '/community/school/courses/:courseId': {
    probes: (b) => [
      { url: `/community/school/courses/${b.courseId}` },
      { url: `/community/school/courses/${b.courseId}`, as: ['street', 'dept'] },
      { url: `/community/school/courses/${b.courseId}`, form: { intent: 'enrol', courseId: b.courseId, residentId: b.residentId } },
      { url: `/community/school/courses/${b.courseId}`, form: { intent: 'allocate', courseId: b.courseId } },
      ...['withdraw', 'accept', 'decline'].map((intent) => ({ url: `/community/school/courses/${b.courseId}`, form: { intent, enrolmentId: b.enrolmentId } })),
      { url: `/community/school/courses/${b.courseId}`, form: { intent: 'attendance', courseId: b.courseId, day: '2026-12-01', residentIds: b.residentId } },
      { url: `/community/school/courses/${b.courseId}`, form: { intent: 'scan', courseId: b.courseId, day: '2026-12-01', code: `MC1.${b.residentId}.0000000000000000` }, refused: [403, 404, 422] },
    ],
  },
  '/c/:slug/me/school': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/me/school?for=${b.residentId}`, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/school`, form: { intent: 'enrol', courseId: b.courseId, residentId: b.residentId }, as: ALL, refused: [302] },
      ...['accept', 'decline', 'withdraw'].map((intent) => ({ url: `/c/${b.ownSlug}/me/school`, form: { intent, enrolmentId: b.enrolmentId }, as: ALL, refused: [302] })),
    ],
  },
  '/community/services (index)': {
    probes: (b) => [
      { url: '/community/services', as: ['street', 'dept'] },
      { url: `/community/services?resident=${b.residentId}&q=x`, as: ['street', 'dept'] },
      { url: '/community/services', form: { intent: 'slots', serviceId: b.serviceId, day: '2030-01-01', times: '09:00', capacity: '1' } },
      { url: '/community/services', form: { intent: 'book', slotId: b.serviceSlotId, residentId: b.residentId } },
      { url: '/community/services', form: { intent: 'assessment', residentId: b.residentId, assessedOn: '2026-11-01', level: '1', assessor: '越权' } },
      ...['confirm', 'cancel', 'noShow'].map((intent) => ({ url: '/community/services', form: { intent, bookingId: b.serviceBookingId } })),
      { url: '/community/services', form: { intent: 'done', bookingId: b.serviceBookingId, note: '越权' } },
    ],
  },
  '/c/:slug/me/services': {
    probes: (b) => [
      { url: `/c/${b.ownSlug}/me/services?for=${b.residentId}`, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/services`, form: { intent: 'book', slotId: b.serviceSlotId, residentId: b.residentId }, as: ALL, refused: [302] },
      { url: `/c/${b.ownSlug}/me/services`, form: { intent: 'cancel', bookingId: b.serviceBookingId }, as: ALL, refused: [302] },
    ],
  },
  '/community/meals/kitchen': { probes: () => [{ url: '/community/meals/kitchen', as: ['street', 'dept'] }] },
  '/community/meals/deliveries': {
    probes: (b) => [
      { url: '/community/meals/deliveries', as: ['street', 'dept'] },
      { url: '/community/meals/deliveries', form: { intent: 'deliver', bookingId: b.mealBookingId } },
    ],
  },
  '/community/meals/settlement': { probes: () => [{ url: '/community/meals/settlement', as: ['street', 'dept'] }] },
  '/community/meals/claim': { probes: () => [{ url: '/community/meals/claim?month=2026-11', as: ['street', 'dept'] }] },
  '/community/services/settlement': { probes: () => [{ url: '/community/services/settlement?month=2026-11', as: ['street', 'dept'] }] },
  '/community/services/claim': { probes: () => [{ url: '/community/services/claim?month=2026-11', as: ['street', 'dept'] }] },
  '/community/meals/settings': { probes: () => [{ url: '/community/meals/settings', as: ['street', 'dept'] }, { url: '/community/meals/settings', form: { intent: 'rule', name: '越权', minAge: '60', perMeal: '100', effectiveFrom: '2026-01-01' }, as: ['street', 'dept'] }] },
  '/community/settings': {
    probes: (b) => [
      { url: '/community/settings', as: ['street', 'dept'] },
      { url: '/community/settings', form: { intent: 'removeTemplate', templateId: b.templateId! } },
    ],
  },
  '/community/sla': { probes: () => [{ url: '/community/sla', as: ['street', 'dept'] }] },
  '/community/staff': {
    probes: (b) => [
      { url: '/community/staff', as: ['street', 'dept'] },
      { url: '/community/staff', form: { intent: 'issueReset', membershipId: b.membershipId } },
      { url: '/community/staff', form: { intent: 'reissueInvite', invitationId: b.invitationId } },
    ],
  },

  // The operators' console: nobody else gets in, whatever the ids.
  '/operator': { probes: () => [OPERATOR_ONLY('/operator')] },
  '/operator (index)': {
    // ?index: a form posted to /operator goes to the index route's action, as the page's own forms do.
    probes: (b) => [
      OPERATOR_ONLY('/operator'),
      OPERATOR_ONLY('/operator?index', { intent: 'archive', communityId: b.communityId, confirmName: '金元社区' }),
      OPERATOR_ONLY('/operator?index', { intent: 'reissue', communityId: b.communityId }),
      OPERATOR_ONLY('/operator?index', { status: 'suspended', communityId: b.communityId }),
    ],
  },
  '/operator/accounts': {
    // B's admin, its unit and an open invitation of B, by URL and by every form of the page.
    probes: (b) => [
      { ...OPERATOR_ONLY(`/operator/accounts?unit=${b.communityId}`), as: [...ALL, 'district'] },
      { ...OPERATOR_ONLY('/operator/accounts', { intent: 'invite', orgUnitId: b.communityId, name: '越权', mobile: '13912345670', role: 'community_admin' }), as: [...ALL, 'district'] },
      { ...OPERATOR_ONLY('/operator/accounts', { intent: 'remove', membershipId: b.membershipId }), as: [...ALL, 'district'] },
      { ...OPERATOR_ONLY('/operator/accounts', { intent: 'changeRole', membershipId: b.membershipId, role: 'community_staff' }), as: [...ALL, 'district'] },
      { ...OPERATOR_ONLY('/operator/accounts', { intent: 'reissue', invitationId: b.invitationId }), as: [...ALL, 'district'] },
    ],
  },
  '/operator/audit': { probes: (b) => [OPERATOR_ONLY(`/operator/audit?community=${b.communityId}`)] },
  '/operator/calendar': { probes: () => [OPERATOR_ONLY('/operator/calendar')] },
  '/operator/communities/:communityId/export': { probes: (b) => [OPERATOR_ONLY(`/operator/communities/${b.communityId}/export`)] },
  '/operator/communities/:communityId/poster/:which/:format': { probes: (b) => [OPERATOR_ONLY(`/operator/communities/${b.communityId}/poster/all/pdf`)] },
  '/operator/communities/new': { probes: (b) => [OPERATOR_ONLY('/operator/communities/new', { streetId: b.streetId, name: '越权社区', slug: 'yue-quan', adminName: '某人', adminMobile: '13912345678' })] },
  '/operator/hierarchy': {
    probes: (b) => [OPERATOR_ONLY('/operator/hierarchy'), OPERATOR_ONLY('/operator/hierarchy', { intent: 'rename', id: b.communityId, name: '改名' }), OPERATOR_ONLY('/operator/hierarchy', { intent: 'retire', id: b.communityId })],
  },
  '/operator/imports (index)': { probes: () => [OPERATOR_ONLY('/operator/imports')] },
  '/operator/imports/:importId (index)': { probes: (b) => [OPERATOR_ONLY(`/operator/imports/${b.importId}`)] },
  '/operator/imports/:importId/invitations': { probes: (b) => [OPERATOR_ONLY(`/operator/imports/${b.importId}/invitations`)] },
  '/operator/imports/template': { probes: () => [OPERATOR_ONLY('/operator/imports/template')] },
  '/operator/messages': { probes: () => [OPERATOR_ONLY('/operator/messages')] },
  '/operator/usage': { probes: () => [OPERATOR_ONLY('/operator/usage')] },

  // Officers' routes that name a community: B is outside both officers' reach (404); community staff are refused (403).
  '/org': { probes: () => [{ url: '/org', as: ['admin'] }] },
  '/org (index)': { probes: () => [{ url: '/org', as: ['admin'] }] },
  '/org/accounts': {
    // Community staff are refused at the door, a street officer and a department manage no accounts (403), and a
    // district officer of another district finds neither B, its street, its admin nor its invitation (404).
    probes: (b) => [
      { url: `/org/accounts?unit=${b.communityId}`, as: [...SIGNED_IN, 'district'] },
      { url: `/org/accounts?unit=${b.streetId}`, as: [...SIGNED_IN, 'district'] },
      { url: '/org/accounts', form: { intent: 'invite', orgUnitId: b.communityId, name: '越权', mobile: '13912345671', role: 'community_admin' }, as: [...SIGNED_IN, 'district'] },
      { url: '/org/accounts', form: { intent: 'invite', orgUnitId: b.streetId, name: '越权', mobile: '13912345672', role: 'street_officer' }, as: [...SIGNED_IN, 'district'] },
      { url: '/org/accounts', form: { intent: 'remove', membershipId: b.membershipId }, as: [...SIGNED_IN, 'district'] },
      { url: '/org/accounts', form: { intent: 'changeRole', membershipId: b.membershipId, role: 'community_staff' }, as: [...SIGNED_IN, 'district'] },
      { url: '/org/accounts', form: { intent: 'reissue', invitationId: b.invitationId }, as: [...SIGNED_IN, 'district'] },
    ],
  },
  '/org/cases (index)': { probes: (b) => [{ url: `/org/cases?community=${b.communityId}`, as: ['admin'] }] },
  '/org/cases/:communityId/:caseId': {
    probes: (b) => [
      { url: `/org/cases/${b.communityId}/${b.escalatedCaseId}` },
      { url: `/org/cases/${b.communityId}/${b.caseId}` },
      ...['reveal', 'forward', 'return', 'resolve', 'supervise'].map((intent) => ({ url: `/org/cases/${b.communityId}/${b.escalatedCaseId}`, form: { intent, body: '越权', note: '越权' } })),
    ],
  },
  '/org/cases/:communityId/:caseId/photos/:photoId': { probes: (b) => [{ url: `/org/cases/${b.communityId}/${b.caseId}/photos/${b.photoId}` }] },
  '/org/communities/:communityId/poster/:which/:format': {
    probes: (b) => [{ url: `/org/communities/${b.communityId}/poster/all/pdf` }, { url: `/org/communities/${b.communityId}/poster/${b.qrId}/png` }],
  },
  '/org/communities/new': {
    // Onboarding a community into B's street: a street officer, a department and a community admin may not.
    probes: (b) => [{ url: '/org/communities/new', form: { streetId: b.streetId, name: '越权社区', slug: 'yue-quan-2', adminName: '某人', adminMobile: '13912345679' } }],
  },
  '/org/dashboard (index)': { probes: () => [{ url: '/org/dashboard', as: ['admin'] }] },
  '/org/dashboard/export': { probes: () => [{ url: '/org/dashboard/export?format=csv', as: ['admin'] }] },
  '/org/dashboard/:communityId (index)': { probes: (b) => [{ url: `/org/dashboard/${b.communityId}` }] },
  '/org/dashboard/:communityId/export': { probes: (b) => [{ url: `/org/dashboard/${b.communityId}/export?format=csv` }] },
  '/org/imports (index)': { probes: () => [{ url: '/org/imports' }] },
  '/org/imports/:importId (index)': { probes: (b) => [{ url: `/org/imports/${b.importId}` }] },
  '/org/imports/:importId/invitations': { probes: (b) => [{ url: `/org/imports/${b.importId}/invitations` }] },
  '/org/imports/template': { probes: () => [{ url: '/org/imports/template' }] },
  '/org/sla': { probes: () => [{ url: '/org/sla', as: ['admin', 'street', 'dept'] }, { url: '/org/sla', form: { intent: 'weights', onTime: '100' }, as: ['admin', 'street', 'dept'] }] },
};

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; hasLoader: boolean; hasAction: boolean };

/** The app's routes as Remix resolved them: the manifest the running server gives browsers. */
async function routeManifest(): Promise<Record<string, ManifestRoute>> {
  const html = await (await fetch(`${BASE_URL}/login`)).text();
  const src = /\/assets\/manifest-[A-Za-z0-9_-]+\.js/.exec(html)?.[0];
  if (!src) throw new Error('no route manifest referenced by /login');
  const js = await (await fetch(`${BASE_URL}${src}`)).text();
  return JSON.parse(js.slice(js.indexOf('{'), js.lastIndexOf('}') + 1)).routes;
}

/** Each route, named by its URL pattern (index routes and the root marked). */
function routeKeys(routes: Record<string, ManifestRoute>): string[] {
  const pathOf = (id: string): string => {
    const r = routes[id]!;
    const parent = r.parentId ? pathOf(r.parentId) : '';
    return [parent, r.path ?? ''].filter(Boolean).join('/');
  };
  return Object.values(routes).map((r) => (r.id === 'root' ? '(root)' : `/${pathOf(r.id)}${r.index ? ' (index)' : ''}`));
}

const BODY = (fields: Record<string, string | null | undefined>) => new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
type Session = { cookie: string; csrf: string };
const sessions = {} as Record<Exclude<Who, 'resident'>, Session>;
let ids: Ids;
let before: string;

async function signInAs(mobile: string, home: string): Promise<Session> {
  const res = await fetch(`${BASE_URL}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: BODY({ identifier: mobile, password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${BASE_URL}${home}`, { headers: { Cookie: cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}

beforeAll(async () => {
  // A fresh wish of B with a photo, sent as a resident would.
  const path = await communityQrPath('jinyuan');
  const formPage = await (await fetch(`${BASE_URL}${path}`)).text();
  const category = /<option value="([0-9a-f-]{36})">其他<\/option>/.exec(formPage)![1]!;
  const wish = new FormData();
  wish.set('categoryId', category);
  wish.set('content', `跨社区探测 ${Date.now()}`);
  wish.set('mobile', '13512345670');
  wish.set('consent', 'on');
  wish.set('photos', new Blob([TINY_PNG], { type: 'image/png' }), 'p.png');
  expect((await fetch(`${BASE_URL}${path}`, { method: 'POST', body: wish, redirect: 'manual' })).status).toBe(302);

  const other = await createOtherDistrict();
  const admin = await createStaffUser('世纪城管理员', 'community_admin', 'shijicheng');
  const street = await createOrgUser('世纪城街道干部', 'street_officer', await unitIdByName('世纪城街道'));
  const dept = await createOrgUser('外区部门经办', 'department_handler', other.departmentId);
  const district = await createOrgUser('外区区级干部', 'district_officer', other.districtId);
  sessions.admin = await signInAs(admin.mobile, '/community');
  sessions.street = await signInAs(street.mobile, '/org');
  sessions.dept = await signInAs(dept.mobile, '/org');
  sessions.district = await signInAs(district.mobile, '/org');
  // No onboarding import of B's district need exist: an unknown id must be refused the same way as a real one.
  ids = { ...(await resourceIds('jinyuan')), streetId: await unitIdByName('金源街道'), ownSlug: 'shijicheng', importId: '00000000-0000-4000-8000-000000000000', invitationId: await openInvitationId('jinyuan') };
  expect(ids.photoId).not.toBeNull();
  expect(ids.decisionToken, 'the demo seed publishes a decision of 金元社区').not.toBeNull();
  for (const key of ['meetingId', 'decisionId', 'matterId', 'partnerUnitId', 'postId', 'occurrenceId'] as const) expect(ids[key], `the demo seed makes the committee's ${key}`).not.toBeNull();
  before = await communityFingerprint('jinyuan', ids.caseId);
  // One hash per table the fingerprint covers (e2e/support/fixtures.ts): a table dropped from it fails here.
  expect(before.match(/[0-9a-f]{32}/g)?.length).toBe(42);
});

afterAll(async () => {
  await removeFixtures();
  await removeUnits();
});

describe('another community’s ids, tried on every route', () => {
  it('every route in the route tree has an entry here, and every entry is a route', async () => {
    const keys = routeKeys(await routeManifest());
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !(k in PROBES)), 'routes without a cross-community entry').toEqual([]);
    expect(Object.keys(PROBES).filter((k) => !keys.includes(k)), 'entries for routes that no longer exist').toEqual([]);
  });

  it('answers 403 or 404 to each attacker, by URL, by form post and by download, and leaks nothing', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const [route, entry] of Object.entries(PROBES)) {
      if ('notScoped' in entry) continue;
      for (const probe of entry.probes(ids)) {
        for (const who of probe.as ?? SIGNED_IN) {
          const session = who === 'resident' ? null : sessions[who];
          const headers: Record<string, string> = session ? { Cookie: session.cookie } : {};
          const init: RequestInit = { headers, redirect: 'manual' };
          if (probe.form) {
            headers['Content-Type'] = 'application/x-www-form-urlencoded';
            init.method = 'POST';
            init.body = BODY({ ...(session ? { csrf: session.csrf } : {}), ...probe.form });
          }
          const res = await fetch(`${BASE_URL}${probe.url}`, init);
          const body = await res.text();
          tried++;
          const refused = probe.refused ?? [403, 404];
          const label = `${route} ${probe.form ? `POST ${JSON.stringify(probe.form)}` : 'GET'} ${probe.url} as ${who}`;
          if (!refused.includes(res.status)) failures.push(`${label}: ${res.status}`);
          // Said in words (issue 17): a resource route's refusal was React Router's English "Unexpected Server Error".
          if (res.status >= 400 && (body.includes('Unexpected Server Error') || !/[\u4e00-\u9fff]/.test(body))) failures.push(`${label}: ${res.status} without a Chinese message`);
          // (The tracking code may be echoed from the URL on a not-found page; the wish's words and number may not.)
          if (body.includes(ids.content) || body.includes('13512345670') || body.includes('135****5670')) failures.push(`${label}: shows B's wish`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(100);
    // And nothing of B changed: its grids, buildings, codes, templates, settings, limits, the wish and its people.
    expect(await communityFingerprint('jinyuan', ids.caseId)).toBe(before);
    // About 200 requests one after another (the accounts pages added ~50): measured 60 s on a loaded machine.
  }, 240_000);
});
