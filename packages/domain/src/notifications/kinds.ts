/** What notifies whom (issue 4): each kind names an event; recipients are chosen by the use case that causes it. */
export const NOTIFICATION_KINDS = [
  'case_routed', // a new wish routed to a grid worker
  'case_assigned', // a case assigned to you
  'resident_replied', // the resident added information
  'resident_rated', // the resident rated a case you handled
  'reminder', // 催办: a deadline is near
  'breach', // 超期: a deadline passed
  'case_escalated', // escalated to your street
  'case_forwarded', // forwarded to your department
  'case_returned', // returned to you
  'case_review', // a department resolved a case: its street reviews it
  'case_sent_back', // the street sent a department's resolution back
  'case_lead_resolved', // to co-handling departments (协办): the lead department resolved the case; their part ends
  'case_lead_returned', // to co-handling departments (协办): the lead department returned the case to the street
  'case_resolved', // a case the community escalated was resolved above it
  'case_reopened', // the resident asked to reopen a resolved case
  'supervision', // 督办 notice from the district
  'case_replied', // to a resident: the office replied
  'case_closed', // to a resident: the case is finished
  'case_merged', // to a resident: their wish is handled together with an identical one, which it now follows
  'case_question', // to a resident: the holder asks for more information (the time limit waits for the answer)
  'case_rejected', // to a resident: the office did not accept the wish (duplicate, out of remit), and why
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Channels beyond the in-app bell, behind one adapter interface each. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'wechat'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const OUTBOX_STATES = ['pending', 'queued', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Delivery attempts before a message is left `failed` for operators. */
export const MAX_DELIVERY_ATTEMPTS = 5;
