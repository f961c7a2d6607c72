import type { HTMLAttributes } from 'react';
import { cn } from '~/lib/utils.ts';

const tones = {
  neutral: 'bg-slate-100 text-slate-700',
  info: 'bg-sky-100 text-sky-800',
  progress: 'bg-amber-100 text-amber-900',
  success: 'bg-emerald-100 text-emerald-800',
  danger: 'bg-red-100 text-red-800',
  muted: 'bg-slate-50 text-slate-500 ring-1 ring-inset ring-slate-200',
} as const;
export type BadgeTone = keyof typeof tones;

/**
 * A small rounded label for a status; the tone carries meaning only together with its text, never alone. It keeps its
 * words on one line while they fit and wraps only when longer than its row (a team's long name: a badge that never
 * wrapped made the volunteers page 535 px wide at 360, found from outside); it never shrinks beside its neighbours.
 * In a table's cell it stays on one line (a column is not squeezed to one character a line; the table scrolls).
 */
export function Badge({ tone = 'neutral', className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={cn('inline-flex max-w-full shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium [td_&]:whitespace-nowrap', tones[tone], className)} {...props} />;
}

/** Case statuses (packages/domain CASE_STATUSES) to tones: new work stands out, finished work recedes. */
const CASE_TONES: Record<string, BadgeTone> = {
  submitted: 'info',
  accepted: 'progress',
  in_progress: 'progress',
  escalated: 'danger',
  resolved: 'success',
  closed: 'muted',
  rejected: 'muted',
};

export function caseStatusTone(status: string): BadgeTone {
  return CASE_TONES[status] ?? 'neutral';
}

/** Community/tenant statuses to tones. */
export function tenantStatusTone(status: string): BadgeTone {
  return status === 'active' ? 'success' : status === 'suspended' ? 'progress' : status === 'archived' ? 'muted' : 'neutral';
}
