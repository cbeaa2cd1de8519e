// Editors whose saves collide must not collide again in step: each conflict in a row holds the
// next try longer, with jitter, and the conflict stays on screen meanwhile for the user to read.
const FIRST_MS = 1_000;
const MAX_MS = 30_000;

/** How long to hold the next try after `streak` conflicts in a row (1, 2, …). */
export function conflictBackoffMs(streak: number, random: () => number = Math.random): number {
  const ceiling = Math.min(FIRST_MS * 2 ** Math.max(0, streak - 1), MAX_MS);
  return Math.round(ceiling * (0.5 + random() / 2));
}
