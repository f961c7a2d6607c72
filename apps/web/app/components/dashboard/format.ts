import { LOWER_IS_BETTER, type MetricKey, type Metrics, RATE_METRICS, TIME_BUCKETS_H } from '@shequ/domain';

/** A figure as offices read it: rates in %, working times in hours (medians as their band), "—" when none. */
export function formatMetric(m: Metrics, key: MetricKey, t: (k: string, o?: Record<string, unknown>) => string): string {
  const v = m[key];
  if (v === null) return '—';
  if (RATE_METRICS.includes(key)) return `${(v * 100).toFixed(1)}%`;
  if (key === 'medianAcceptHours' || key === 'medianCloseHours') return Number.isFinite(v) ? t('dashboard.upTo', { n: v }) : t('dashboard.beyond', { n: TIME_BUCKETS_H[TIME_BUCKETS_H.length - 2] });
  if (key.endsWith('Hours')) return t('dashboard.hours', { n: v.toFixed(1) });
  if (key === 'score') return v.toFixed(1);
  return String(v);
}

/** The change against the previous period, in points for rates and the score. */
export function formatChange(now: Metrics, before: Metrics, key: MetricKey): { text: string; better: boolean | null } {
  const a = now[key];
  const b = before[key];
  if (a === null || b === null) return { text: '', better: null };
  const diff = RATE_METRICS.includes(key) ? (a - b) * 100 : a - b;
  if (Math.abs(diff) < 0.05) return { text: '±0', better: null };
  return { text: `${diff > 0 ? '▲' : '▼'}${Math.abs(diff).toFixed(1)}`, better: diff > 0 !== LOWER_IS_BETTER.includes(key) };
}

/** The columns a comparison shows (every figure is in the Excel export). */
export const TABLE_KEYS: MetricKey[] = ['score', 'received', 'responseRate', 'closeRate', 'onTimeRate', 'overdueOpen', 'satisfactionRate', 'ratingRate', 'avgAcceptHours', 'avgCloseHours', 'escalated', 'reopenRate'];
