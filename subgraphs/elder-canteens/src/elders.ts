import path from 'node:path';
import { type GraphServices, queryGraph, serviceOperation } from '@civic/shared';

/** What this subgraph asks elder care, which owns elders, through the graph. */
export interface ElderLookup {
  /** true when elder care knows an elder with this id */
  isRegistered(elderId: string): Promise<boolean>;
}

const CANTEEN_ELDER = serviceOperation(path.join(__dirname, '..', 'service-operations', 'CanteenElder.graphql'));

/** Elders through the gateway, asked as this subgraph (queryGraph): it never reads elder-care's tables. */
export const gatewayElders = (services: GraphServices, timeoutMs = 5_000): ElderLookup => ({
  isRegistered: async (elderId) =>
    (await queryGraph<{ elderRegistered: boolean }>(services, 'the elder', CANTEEN_ELDER, { id: elderId }, timeoutMs)).elderRegistered,
});
