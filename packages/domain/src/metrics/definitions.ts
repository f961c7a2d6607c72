/**
 * The figures districts and streets compare communities by (issue 5), defined once. Everything is computed from
 * additive counters, so the same definitions apply to a handful of cases counted directly and to rollups summed
 * over a thousand communities and five years: a rollup is just `countCases` of its cases, and sums of counters are
 * counters. Every definition here is also written out for leaders on the dashboards' help page.
 */

/** What the figures need to know about one case (no personal data, no text). */
export type CaseFact = {
  receivedAt: Date;
  categoryName: string;
  gridId: string | null;
  /** Cases rejected as spam or duplicates, and merged ones, are not requests: they count nowhere. */
  excluded: boolean;
  acceptedAt: Date | null;
  acceptDueAt: Date | null;
  /** 办结: when the case was resolved (or closed without a resolution step); null while it is open. */
  closedAt: Date | null;
  /**
   * When the case was finished without 办结 (rejected as out of remit): from then on it is neither open nor
   * closed, so it is neither 按期 nor 超期未办结. Null otherwise.
   */
  endedAt: Date | null;
  /** The community's own resolve deadline (the due-date cohort of 到期办结率). */
  resolveDueAt: Date | null;
  /**
   * 超期: the first moment the case was past any of its time limits (to accept, to resolve, at the street, at the
   * department), or will be if the time limit now running passes; null if it never was and none is running. A
   * case counts as overdue once this moment has come (`asOf`); a case closed at or before it was closed on time.
   */
  overdueAt: Date | null;
  rating: number | null;
  /**
   * Wishes merged into this case (their reporters follow it): how many, and the ratings their reporters gave its
   * outcome. A merged wish is not a request of its own (it counts nowhere else), but each of its reporters' ratings
   * counts in 满意率 and 评价率 with this case, like its own reporter's.
   */
  mergedReporters?: number;
  mergedRatings?: number[];
  reopened: boolean;
  escalated: boolean;
  forwarded: boolean;
  autoEscalated: boolean;
  /** Working time from receipt to acceptance and to 办结, counted on the working calendar. */
  acceptWorkingMs: number | null;
  closeWorkingMs: number | null;
};

/**
 * Histogram buckets for working times (upper bounds in working hours): each hour up to a working day, then each
 * working day (8.5 h) up to twenty, then beyond. Medians are reported as the bucket that holds them.
 */
export const TIME_BUCKETS_H: readonly number[] = [...Array.from({ length: 8 }, (_, i) => i + 1), 8.5, ...Array.from({ length: 19 }, (_, i) => 8.5 * (i + 2)), Infinity];

export type Counters = {
  received: number;
  acceptedInTime: number;
  closed: number;
  /** Closed before any of their time limits had passed. */
  closedInTime: number;
  /** Open (neither 办结 nor finished otherwise) and past a time limit: 超期未办结. */
  overdueOpen: number;
  /** Cases whose resolve deadline fell in the period, and how many of them were closed (办结率 by due date). */
  due: number;
  dueClosed: number;
  /** Ratings given to closed cases, one per reporter who rated (merged wishes' reporters included), and how many were 4–5. */
  rated: number;
  satisfied: number;
  /** Reporters who could rate: one per closed case plus one per wish merged into it (the 评价率 denominator). */
  rateable: number;
  reopened: number;
  escalated: number;
  forwarded: number;
  autoEscalated: number;
  acceptMsSum: number;
  acceptCount: number;
  closeMsSum: number;
  closeCount: number;
  acceptHist: number[];
  closeHist: number[];
};

export function emptyCounters(): Counters {
  return {
    received: 0,
    acceptedInTime: 0,
    closed: 0,
    closedInTime: 0,
    overdueOpen: 0,
    due: 0,
    dueClosed: 0,
    rated: 0,
    satisfied: 0,
    rateable: 0,
    reopened: 0,
    escalated: 0,
    forwarded: 0,
    autoEscalated: 0,
    acceptMsSum: 0,
    acceptCount: 0,
    closeMsSum: 0,
    closeCount: 0,
    acceptHist: TIME_BUCKETS_H.map(() => 0),
    closeHist: TIME_BUCKETS_H.map(() => 0),
  };
}

export function bucketOf(workingMs: number): number {
  const hours = workingMs / 3_600_000;
  return TIME_BUCKETS_H.findIndex((upper) => hours <= upper);
}

/** The counters of two sets of cases together. */
export function addCounters(a: Counters, b: Counters): Counters {
  return addInto(addInto(emptyCounters(), a), b);
}

/** The counters of many sets of cases together (one accumulator: a district sums a thousand communities). */
export function sumCounters(all: Iterable<Counters>): Counters {
  const total = emptyCounters();
  for (const c of all) addInto(total, c);
  return total;
}

/** Adds `b` into `acc` (which it returns); histograms of any length add bucket by bucket. */
function addInto(acc: Counters, b: Counters): Counters {
  acc.received += b.received;
  acc.acceptedInTime += b.acceptedInTime;
  acc.closed += b.closed;
  acc.closedInTime += b.closedInTime;
  acc.overdueOpen += b.overdueOpen;
  acc.due += b.due;
  acc.dueClosed += b.dueClosed;
  acc.rated += b.rated;
  acc.satisfied += b.satisfied;
  acc.rateable += b.rateable;
  acc.reopened += b.reopened;
  acc.escalated += b.escalated;
  acc.forwarded += b.forwarded;
  acc.autoEscalated += b.autoEscalated;
  acc.acceptMsSum += b.acceptMsSum;
  acc.acceptCount += b.acceptCount;
  acc.closeMsSum += b.closeMsSum;
  acc.closeCount += b.closeCount;
  for (let i = 0; i < acc.acceptHist.length; i++) acc.acceptHist[i]! += b.acceptHist[i] ?? 0;
  for (let i = 0; i < acc.closeHist.length; i++) acc.closeHist[i]! += b.closeHist[i] ?? 0;
  return acc;
}

export type Period = { from: Date; to: Date };
const inPeriod = (d: Date | null, p: Period) => d !== null && d >= p.from && d < p.to;

/**
 * The counters of some cases for a period. Received-based counters follow the cohort of cases received in the
 * period (a case received in March and closed in April counts as closed for March); due-based ones follow the
 * cases whose resolve deadline fell in the period. `asOf` is the moment the figures describe (a case closed later
 * does not count yet). A case is 按期办结 when it was closed before any of its time limits passed; an open case
 * past one counts as 超期未办结 (and against 按期办结率) until it is closed, late.
 */
export function countCases(facts: CaseFact[], period: Period, asOf: Date): Counters {
  const c = emptyCounters();
  for (const f of facts) {
    if (f.excluded) continue;
    const closedAt = f.closedAt && f.closedAt <= asOf ? f.closedAt : null;
    if (inPeriod(f.resolveDueAt, period)) {
      c.due++;
      if (closedAt) c.dueClosed++;
    }
    if (!inPeriod(f.receivedAt, period)) continue;
    c.received++;
    const acceptedAt = f.acceptedAt && f.acceptedAt <= asOf ? f.acceptedAt : null;
    if (acceptedAt && (!f.acceptDueAt || acceptedAt <= f.acceptDueAt)) c.acceptedInTime++;
    if (acceptedAt && f.acceptWorkingMs !== null) {
      c.acceptMsSum += f.acceptWorkingMs;
      c.acceptCount++;
      c.acceptHist[bucketOf(f.acceptWorkingMs)]!++;
    }
    const overdueAt = f.overdueAt && f.overdueAt <= asOf ? f.overdueAt : null;
    const ended = f.endedAt !== null && f.endedAt <= asOf;
    if (!closedAt && !ended && overdueAt) c.overdueOpen++;
    if (closedAt) {
      c.closed++;
      if (!overdueAt || closedAt <= overdueAt) c.closedInTime++;
      if (f.closeWorkingMs !== null) {
        c.closeMsSum += f.closeWorkingMs;
        c.closeCount++;
        c.closeHist[bucketOf(f.closeWorkingMs)]!++;
      }
      // Every reporter of the case rates its outcome: its own and those of the wishes merged into it.
      c.rateable += 1 + (f.mergedReporters ?? 0);
      for (const r of [f.rating, ...(f.mergedRatings ?? [])]) {
        if (r === null) continue;
        c.rated++;
        if (r >= 4) c.satisfied++;
      }
    }
    if (f.reopened) c.reopened++;
    if (f.escalated) c.escalated++;
    if (f.forwarded) c.forwarded++;
    if (f.autoEscalated) c.autoEscalated++;
  }
  return c;
}

/** A rate, or null when there is nothing to divide by (shown as "—", never as 0%). */
const rate = (n: number, d: number) => (d > 0 ? n / d : null);

function medianHours(hist: number[], count: number): number | null {
  if (!count) return null;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen * 2 >= count) return TIME_BUCKETS_H[i]!;
  }
  return null;
}

export type Metrics = {
  received: number;
  /** 响应率: accepted within the acknowledge deadline ÷ received. */
  responseRate: number | null;
  /** 办结率: closed ÷ received (the period's cohort). */
  closeRate: number | null;
  /** 办结率 by due date: closed ÷ cases whose resolve deadline fell in the period. */
  dueCloseRate: number | null;
  /**
   * 按期办结率: closed before any time limit passed ÷ (closed + open past a time limit). Open cases still within
   * their time limits are not yet decided and count in neither.
   */
  onTimeRate: number | null;
  /** 超期未办结: open cases of the period's cohort that are past a time limit now. */
  overdueOpen: number;
  /** 满意率: ratings of 4–5 ÷ ratings, every reporter's rating counted (merged wishes' reporters too). */
  satisfactionRate: number | null;
  /** 评价率: ratings ÷ reporters of closed cases (merged wishes' reporters included). */
  ratingRate: number | null;
  reopenRate: number | null;
  avgAcceptHours: number | null;
  medianAcceptHours: number | null;
  avgCloseHours: number | null;
  medianCloseHours: number | null;
  escalated: number;
  forwarded: number;
  autoEscalated: number;
  manualEscalated: number;
  /** 综合得分 (0–100), see compositeScore. */
  score: number | null;
};

/** Weights of the composite score: a published local formula (响应率 30%, 解决率 35%, 满意率 35%) unless a district sets its own. */
export type ScoreWeights = { response: number; resolution: number; satisfaction: number };
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { response: 0.3, resolution: 0.35, satisfaction: 0.35 };

/**
 * 综合得分: the weighted mean of 响应率, 解决率 (办结率) and 满意率, in points out of 100. A rate that cannot be
 * computed (nothing received, nothing rated) leaves its weight out rather than counting as zero; no rate at all
 * gives no score.
 */
export function compositeScore(rates: { response: number | null; resolution: number | null; satisfaction: number | null }, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): number | null {
  const parts = (['response', 'resolution', 'satisfaction'] as const).filter((k) => rates[k] !== null && weights[k] > 0);
  const total = parts.reduce((s, k) => s + weights[k], 0);
  if (!parts.length || total <= 0) return null;
  return Math.round((parts.reduce((s, k) => s + rates[k]! * weights[k], 0) / total) * 1000) / 10;
}

export function metricsOf(c: Counters, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): Metrics {
  const responseRate = rate(c.acceptedInTime, c.received);
  const closeRate = rate(c.closed, c.received);
  const satisfactionRate = rate(c.satisfied, c.rated);
  return {
    received: c.received,
    responseRate,
    closeRate,
    dueCloseRate: rate(c.dueClosed, c.due),
    onTimeRate: rate(c.closedInTime, c.closed + c.overdueOpen),
    overdueOpen: c.overdueOpen,
    satisfactionRate,
    ratingRate: rate(c.rated, c.rateable),
    reopenRate: rate(c.reopened, c.received),
    avgAcceptHours: c.acceptCount ? c.acceptMsSum / c.acceptCount / 3_600_000 : null,
    medianAcceptHours: medianHours(c.acceptHist, c.acceptCount),
    avgCloseHours: c.closeCount ? c.closeMsSum / c.closeCount / 3_600_000 : null,
    medianCloseHours: medianHours(c.closeHist, c.closeCount),
    escalated: c.escalated,
    forwarded: c.forwarded,
    autoEscalated: c.autoEscalated,
    manualEscalated: c.escalated - c.autoEscalated,
    score: compositeScore({ response: responseRate, resolution: closeRate, satisfaction: satisfactionRate }, weights),
  };
}

/** Figures that are rates (shown in %, compared in points). */
export const RATE_METRICS: readonly MetricKey[] = ['responseRate', 'closeRate', 'dueCloseRate', 'onTimeRate', 'satisfactionRate', 'ratingRate', 'reopenRate'];
/** Figures where less is better (times, reopens, escalations). */
export const LOWER_IS_BETTER: readonly MetricKey[] = ['overdueOpen', 'avgAcceptHours', 'medianAcceptHours', 'avgCloseHours', 'medianCloseHours', 'reopenRate', 'escalated', 'forwarded', 'autoEscalated', 'manualEscalated'];

export const METRIC_KEYS = ['received', 'responseRate', 'closeRate', 'dueCloseRate', 'onTimeRate', 'overdueOpen', 'satisfactionRate', 'ratingRate', 'reopenRate', 'avgAcceptHours', 'medianAcceptHours', 'avgCloseHours', 'medianCloseHours', 'escalated', 'forwarded', 'autoEscalated', 'manualEscalated', 'score'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/**
 * Ranks rows by a metric (1 = best). Lower is better for times and reopen/escalation counts; rows without the
 * figure come last, unranked. Ties share a rank.
 */
export function rankBy<T extends { metrics: Metrics }>(rows: T[], key: MetricKey): (T & { rank: number | null })[] {
  const lowerIsBetter = LOWER_IS_BETTER.includes(key);
  const valued = rows.filter((r) => r.metrics[key] !== null).sort((a, b) => (lowerIsBetter ? a.metrics[key]! - b.metrics[key]! : b.metrics[key]! - a.metrics[key]!));
  const ranked: (T & { rank: number | null })[] = [];
  valued.forEach((r, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...r, rank: prev && prev.metrics[key] === r.metrics[key] ? prev.rank : i + 1 });
  });
  return [...ranked, ...rows.filter((r) => r.metrics[key] === null).map((r) => ({ ...r, rank: null }))];
}
