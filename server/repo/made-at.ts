/**
 * The made_* columns of a progress report or problem as one JSON value (MadeAt), or null when the
 * device gave no position. `alias` is the table's alias in the query.
 */
export const MADE_AT = (alias: string) =>
  `CASE WHEN ${alias}.made_lon IS NULL THEN NULL ELSE jsonb_build_object('lon', ${alias}.made_lon, 'lat', ${alias}.made_lat,
     'accuracy', ${alias}.made_accuracy_m, 'at', to_char(${alias}.made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS "madeAt"`;
