/**
 * Lateness of deadline wake-ups (when the effect happened minus when it was due), kept in memory and reported on
 * the worker's /metrics endpoint with queue counts.
 */
class DeadlineStats {
  private samples: number[] = [];
  processed = 0;
  breached = 0;

  record(lagMs: number, result: 'reminded' | 'breached') {
    this.processed++;
    if (result === 'breached') this.breached++;
    this.samples.push(Math.max(0, lagMs));
    if (this.samples.length > 1000) this.samples.shift();
  }

  snapshot() {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    return { processed: this.processed, breached: this.breached, lagMs: { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 } };
  }
}

export const deadlineStats = new DeadlineStats();
