// The wall shows units that have something to show: a township (or, for a prefecture, a county)
// without poor villages has no exit to rank and nothing for a tour stop to say, so both skip it.
// Pure, so the township tour and the county tour share it.

export interface UnitFigures {
  poorVillages: number;
}

export const hasSomethingToShow = (unit: UnitFigures): boolean => unit.poorVillages > 0;

/** The units worth a tour stop or a ranking row, in the order given. */
export function unitsToShow<T extends UnitFigures>(units: readonly T[]): T[] {
  return units.filter(hasSomethingToShow);
}
