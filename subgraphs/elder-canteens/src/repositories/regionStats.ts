/** A region's figures (CanteenStats), read from the rollup (repositories/rollup.ts): only those a caller asks for. */
export interface CanteenStats {
  canteens: number;
  diners: number;
  mealsServed: number;
  subsidyPaid: number;
}
