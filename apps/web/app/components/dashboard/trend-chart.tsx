import { useTranslation } from 'react-i18next';
import { type MetricKey, type Metrics, RATE_METRICS } from '@shequ/domain';
import { cn } from '~/lib/utils.ts';
import { formatMetric } from './format.ts';

type Point = { month: string; metrics: Metrics };

/** Round upper bounds for the value axis: 1-2-5 steps, so the gridlines read as round numbers. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * A month-by-month line of one figure that fits whatever holds it: the line is an SVG stretched to the box
 * (its stroke keeps its width), while labels, points and gridlines are HTML placed in percent, so text stays
 * its size at 360 px and at 1280 px, nothing overflows, and it prints as it shows, without script. Months
 * without a value break the line. The same figures are in a table for screen readers.
 */
export function TrendChart({ trend, metric, testId }: { trend: Point[]; metric: MetricKey; testId?: string }) {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
  const isRate = RATE_METRICS.includes(metric);
  const values = trend.map((p) => {
    const v = p.metrics[metric];
    return v === null || !Number.isFinite(v) ? null : isRate ? v * 100 : v;
  });
  if (!values.some((v) => v !== null)) {
    return (
      <div className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 text-sm text-slate-500" data-testid={testId} data-empty="true">
        {t('dashboard.chartEmpty')}
      </div>
    );
  }
  const top = isRate || metric === 'score' ? 100 : niceMax(Math.max(...values.map((v) => v ?? 0)));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const n = trend.length;
  // Each month sits in the middle of its own slot, so one month is a dot in the middle, twelve spread evenly.
  const x = (i: number) => ((i + 0.5) / n) * 100;
  const y = (v: number) => 100 - (Math.min(Math.max(v, 0), top) / top) * 100;
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(3)},${y(v).toFixed(3)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const tickLabel = (v: number) => (isRate ? `${Math.round(v)}%` : Number.isInteger(v) ? String(v) : v.toFixed(1));
  const monthLabel = (month: string, i: number) => (i === 0 || month.endsWith('-01') ? `${month.slice(0, 4)}-${month.slice(5)}` : t('dashboard.monthShort', { m: Number(month.slice(5)) }));
  // Long ranges label every few months, so labels never crowd whatever the width.
  const every = n <= 12 ? 1 : Math.ceil(n / 12);
  return (
    <figure className="w-full min-w-0" data-testid={testId}>
      <div className="relative ml-10 mr-4 mt-6 h-52 print:h-48" aria-hidden="true">
        {ticks.map((v) => (
          <div key={v} className="absolute inset-x-0 border-t border-slate-200" style={{ top: `${y(v)}%` }}>
            <span className="absolute -left-10 w-9 -translate-y-1/2 pr-1 text-right text-xs tabular-nums text-slate-500">{tickLabel(v)}</span>
          </div>
        ))}
        <svg className="absolute inset-0 h-full w-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" role="presentation">
          {segments.map((points) => (
            <polyline key={points} points={points} fill="none" stroke="#b91c1c" strokeWidth="2" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
          ))}
        </svg>
        {values.map((v, i) =>
          v === null ? null : (
            <div key={trend[i]!.month} className="absolute" style={{ left: `${x(i)}%`, top: `${y(v)}%` }}>
              <span className="absolute size-2 -translate-x-1/2 -translate-y-1/2 rounded-full bg-red-700 [print-color-adjust:exact]" />
              {n <= 12 ? (
                <span className={cn('absolute -translate-x-1/2 -translate-y-[1.6rem] whitespace-nowrap text-xs tabular-nums text-slate-700', n > 6 && 'hidden md:block print:block')}>
                  {isRate ? `${v.toFixed(1)}%` : Number.isInteger(v) ? v : v.toFixed(1)}
                </span>
              ) : null}
            </div>
          ),
        )}
      </div>
      <div className="relative ml-10 mr-4 mt-1 h-5 text-xs text-slate-500" aria-hidden="true">
        {trend.map((p, i) =>
          i % every === 0 ? (
            <span key={p.month} className={cn('absolute -translate-x-1/2 whitespace-nowrap', n > 6 && every === 1 && i % 2 === 1 && 'max-sm:hidden')} style={{ left: `${x(i)}%` }}>
              {monthLabel(p.month, i)}
            </span>
          ) : null,
        )}
      </div>
      <table className="sr-only">
        <caption>{t(`dashboard.metrics.${metric}`)}</caption>
        <tbody>
          {trend.map((p) => (
            <tr key={p.month}>
              <th scope="row">{p.month}</th>
              <td>{formatMetric(p.metrics, metric, tt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
