import type { LoadResult } from './load';
import type { PhysicalLimit } from './physicalLimit';

/** Printing only: every table of `npm run bench`, in fixed-width columns a terminal and a README both read. */

const num = (value: number, width: number, digits = 0) => value.toFixed(digits).padStart(width);

export function printLoadHeader(connections: number): void {
  console.log(`\n${connections} connections`);
  console.log(`${'operation'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'p99 ms'.padStart(7)} errors`);
}

export function printLoadRow(label: string, r: LoadResult): void {
  console.log(`${label.padEnd(36)} ${num(r.requestsPerSecond, 8)} ${num(r.p50, 7)} ${num(r.p90, 7)} ${num(r.p99, 7)} ${r.errors}`);
}

/** One gateway's line in `--compare`: its figures, the subgraph calls one request took, and its throughput over ours. */
export interface CompareRow {
  gateway: string;
  result: LoadResult;
  calls: number;
  /** subgraph calls during the load over the requests sent */
  callsUnderLoad: number;
  /** throughput over the project gateway's in the same rounds */
  ratio: number;
}

/** `calls`: per request, one at a time; `(load)`: under the load, over the requests sent; `ratio`: req/s over ours. */
export function printCompare(label: string, rows: CompareRow[]): void {
  console.log(`\n${label}`);
  console.log(
    `  ${'gateway'.padEnd(34)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'calls'.padStart(6)} ${'(load)'.padStart(6)} ${'ratio'.padStart(6)} errors`,
  );
  for (const row of rows) {
    const { result } = row;
    console.log(
      `  ${row.gateway.padEnd(34)} ${num(result.requestsPerSecond, 7)} ${num(result.p50, 7)} ${num(result.p99, 7)} ${num(row.calls, 6, 1)} ${num(row.callsUnderLoad, 6, 1)} ${num(row.ratio, 6, 2)} ${result.errors}`,
    );
  }
}

export function printPhysicalLimit(limit: PhysicalLimit): void {
  console.log(`\n${limit.label}, one connection, one request at a time (medians)`);
  console.log(`  through the graph                        ${num(limit.graphMs, 8, 1)} ms`);
  console.log(
    `  the subgraphs' own SQL, run directly     ${num(limit.ownSqlMs, 8, 1)} ms  (${limit.ownStatements} statements)  graph / it: ${num(limit.graphMs / limit.ownSqlMs, 5, 1)}×`,
  );
  console.log(
    `  a minimal SQL for the same figures       ${num(limit.minimalSqlMs, 8, 1)} ms  (1 statement)  graph / it: ${num(limit.graphMs / limit.minimalSqlMs, 5, 1)}×`,
  );
}

/** The median of some durations, in milliseconds. */
export function medianMs(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
