// The published figures of an area's plan (data/plans/<area code>.json): annual targets with the
// source each comes from, and for a county the figures its demo must reproduce. The same file is
// how an office enters any other area's targets (README, "Annual targets").
import { z } from 'zod';
import { areaCode, areaPrefix, TARGET_MEASURES, targetValueProblem, targetYear } from './targets';

const text = z.string().trim().min(1).max(2000);

export const planSource = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: text,
  publisher: text.optional(),
  /** Where the document was published, if known. */
  url: z.string().url().optional(),
  /** What a reader checking the figures should know: how they were taken, what is not yet verified. */
  note: text.optional(),
}).strict();

export const planTarget = z.object({
  /** The plan's own area or one of its units (a county of a prefecture, a township of a county). */
  area: areaCode,
  year: targetYear,
  measure: z.enum(TARGET_MEASURES),
  /** Shares as fractions: 0.95 for 95 %. */
  value: z.number(),
  source: z.string(),
}).strict().superRefine((t, ctx) => {
  const problem = targetValueProblem(t.measure, t.value);
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
});

const count = z.number().int().min(0);

/** What a county's demo is built to match. */
export const demoFigures = z.object({
  /** All registered poor persons (建档立卡) over the campaign, exited or not. */
  registeredPersons: count,
  /** Poor villages (贫困村, deep-poverty ones included) and their planned exit year. */
  villageExits: z.array(z.object({ year: targetYear, villages: count, households: count, persons: count }).strict()).min(1),
  relocation: z.object({ persons: count, originVillages: count.min(1), townships: count.min(1) }).strict().optional(),
}).strict();

export const planFile = z.object({
  area: z.object({ code: areaCode, name: text, level: z.enum(['prefecture', 'county']) }).strict(),
  sources: z.array(planSource).min(1),
  targets: z.array(planTarget),
  demo: demoFigures.optional(),
}).strict().superRefine((plan, ctx) => {
  const ids = new Set(plan.sources.map((s) => s.id));
  plan.targets.forEach((t, i) => {
    if (!ids.has(t.source)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'source'], message: `unknown source "${t.source}"` });
    if (!t.area.startsWith(areaPrefix(plan.area.code))) ctx.addIssue({ code: 'custom', path: ['targets', i, 'area'], message: `${t.area} is not within ${plan.area.code}` });
  });
  const keys = plan.targets.map((t) => `${t.area}/${t.year}/${t.measure}`);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) ctx.addIssue({ code: 'custom', path: ['targets'], message: `target ${twice} given twice` });
});
export type PlanFile = z.infer<typeof planFile>;
export type PlanTarget = z.infer<typeof planTarget>;
export type DemoFigures = z.infer<typeof demoFigures>;
