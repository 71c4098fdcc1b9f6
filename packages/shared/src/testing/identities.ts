import type { Identity } from '../auth/identity';

/**
 * A city administrator: who sees every region's figures exact (seesExactFigures),
 * for tests about what a figure counts rather than who may see it.
 */
export const EXACT_FIGURES: Identity = Object.freeze({ sub: null, roles: ['CITY_ADMIN'], region: '35', partner: null }) as Identity;

/** One of the graph's own subgraphs calling as itself (a service call, `isGraphService`). */
export const graphService = (name: string): Identity => ({ sub: null, roles: [], region: null, service: name });
