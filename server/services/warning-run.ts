// Running the warning rules: on demand by the poverty office, and once a month by whichever server
// instance claims the month first (a row in warning_runs, so several instances never run it twice).
import { hostname } from 'node:os';
import { RULE_RUNNERS } from '../../common/monitoring';
import { chinaToday } from '../../common/problems';
import type { SessionUser } from '../../common/roles';
import type { Db, Queryable } from '../db/client';
import { failureSummary } from '../db/failure-summary';
import { raiseWarnings, type RuleTarget } from '../repo/warning-rules';
import { DomainError } from './domain-error';
import { householdAccess } from './scope';

/** Warnings raised per township code. */
export type Raised = Map<string, number>;

export const runWarningRules = (db: Db, target: RuleTarget, asOf: string, source: 'rules' | 'department' = 'rules'): Promise<Raised> =>
  db.write(async (tx) => {
    const raised = await raiseWarnings(tx, target, asOf, source);
    await refreshWarningStatistics(tx);
    return raised;
  });

/**
 * A run may add thousands of warnings at once: without fresh statistics the planner takes the
 * table for nearly empty and joins it row by row (PGlite has no autovacuum to notice).
 */
export const refreshWarningStatistics = (tx: Queryable) => tx.query('ANALYZE monitoring_warnings');

export async function runRulesOnDemand(db: Db, user: SessionUser, area: string, asOf = chinaToday()): Promise<Raised> {
  const access = await householdAccess(db, user, area);
  if (!RULE_RUNNERS.includes(access.role)) throw new DomainError('forbidden', 'forbidden', '只有县扶贫办可以运行预警规则', 'Only the poverty office may run the warning rules');
  return runWarningRules(db, { prefix: area }, asOf);
}

/** A claim whose instance has not finished within this long is taken for dead and may be taken over. */
const STALE_CLAIM_MINUTES = 60;

/** True for the one caller that now owns the month's run. */
export async function claimMonth(db: Db, period: string, instance: string): Promise<boolean> {
  const rows = await db.write((tx) =>
    tx.query(
      `INSERT INTO warning_runs (period, claimed_by) VALUES ($1, $2)
       ON CONFLICT (period) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = now()
         WHERE warning_runs.finished_at IS NULL AND warning_runs.claimed_at < now() - make_interval(mins => $3)
       RETURNING period`,
      [period, instance, STALE_CLAIM_MINUTES],
    ),
  );
  return rows.length === 1;
}

/** This month's run if no instance has claimed it yet; null when another one has. */
export async function monthlyRun(db: Db, county: string, instance: string, now = new Date()): Promise<Raised | null> {
  const day = chinaToday(now);
  const period = day.slice(0, 7);
  if (!(await claimMonth(db, period, instance))) return null;
  const raised = await runWarningRules(db, { prefix: county }, day);
  const total = [...raised.values()].reduce((a, b) => a + b, 0);
  await db.write((tx) => tx.query('UPDATE warning_runs SET finished_at = now(), raised = $2 WHERE period = $1', [period, total]));
  return raised;
}

/** Checks every `everyMs` whether this month's run is still to do; the first start of a month runs it. */
export function scheduleMonthlyWarnings(db: Db, county: string, onRaised: (raised: Raised) => void, everyMs = 3_600_000): () => void {
  const instance = `${hostname()}:${process.pid}`;
  const tick = () =>
    monthlyRun(db, county, instance)
      .then((raised) => {
        if (raised) {
          console.log(`[monitoring] monthly warning rules: ${[...raised.values()].reduce((a, b) => a + b, 0)} warnings raised`);
          onRaised(raised);
        }
      })
      .catch((err: unknown) => console.error(`[monitoring] monthly warning rules failed: ${err instanceof Error ? failureSummary(err) : 'error'}`));
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
