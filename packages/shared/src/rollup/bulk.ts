import type { Sql } from '../sql';
import { figuresByJoinedTable, figuresByTable, sqlLiteral, type Rollup } from './figures';
import { seedStep } from '../seed/progress';
import { rebuildRollup } from './rebuild';

/**
 * A bulk load (a seed's millions of rows) with the rollup's triggers off, the
 * figures rebuilt once at the end instead (one aggregate per figure over the
 * loaded tables). Kept on, each statement of the load would join its rows to the
 * other tables the figures read (a month of transfers to every request, say),
 * once per figure part: at city size that was most of the seed. Run it in the
 * load's transaction: the triggers are off and the figures stale only inside it,
 * and a failure leaves everything as it was. Only the tables' owner may switch
 * triggers (the launcher seeds as it); for anyone else the load runs with them on.
 */
export async function loadBypassingRollup<T>(tx: Sql, subgraph: string, rollup: Rollup, work: () => Promise<T>): Promise<T> {
  const tables = [...new Set([...figuresByTable(rollup).keys(), ...figuresByJoinedTable(rollup).keys()])];
  const triggers: { table: string; name: string }[] = await tx.query(
    `/* rollupTriggers */ SELECT n.nspname || '.' || c.relname AS table, quote_ident(t.tgname) AS name
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE t.tgrelid = ANY(ARRAY[${tables.map(sqlLiteral).join(', ')}]::regclass[]) AND NOT t.tgisinternal AND t.tgparentid = 0
       AND t.tgname LIKE 'rollup\\_%' AND pg_has_role(current_user, c.relowner, 'USAGE')
     ORDER BY 1, 2`,
  );
  const owned = new Set(triggers.map((t) => t.table));
  if (!triggers.length || tables.some((table) => !owned.has(table))) return work();
  for (const t of triggers) await tx.query(`ALTER TABLE ${t.table} DISABLE TRIGGER ${t.name}`);
  const result = await work();
  for (const t of triggers) await tx.query(`ALTER TABLE ${t.table} ENABLE TRIGGER ${t.name}`);
  await seedStep(subgraph, 'region figures rebuilt', 0, () => rebuildRollup(tx, rollup));
  return result;
}
