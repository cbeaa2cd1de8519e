// Published plans (data/plans/<area code>.json): read, checked against the schema in common/plans.ts,
// and turned into the targets a dataset seeds.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatasetTarget } from '../../common/dataset';
import { planFile, type PlanFile } from '../../common/plans';

export const PLANS_DIR = fileURLToPath(new URL('../plans/', import.meta.url));

/** The published plan of an area, or null when the repository has none; a malformed file throws with the schema's message. */
export function readPlan(code: string, dir = PLANS_DIR): PlanFile | null {
  const path = `${dir}${code}.json`;
  if (!existsSync(path)) return null;
  const parsed = planFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The plan's targets as the seed writes them, each naming its source's title. */
export function planTargets(plan: PlanFile): DatasetTarget[] {
  const titles = new Map(plan.sources.map((s) => [s.id, s.title]));
  return plan.targets.map((t) => ({ area: t.area, year: t.year, measure: t.measure, value: t.value, source: titles.get(t.source)!, demo: false }));
}
