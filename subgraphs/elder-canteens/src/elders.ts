import { queryGraph } from '@civic/shared';

/** What this subgraph asks elder care, which owns elders, through the graph. */
export interface ElderLookup {
  /** true when elder care knows an elder with this id */
  isRegistered(elderId: string): Promise<boolean>;
}

const QUERY = 'query CanteenElder($id: ID!) { elderRegistered(id: $id) }';

/** Elders through the gateway, as any public client asks: this subgraph never reads elder-care's tables. */
export const gatewayElders = (gatewayUrl: string, timeoutMs = 5_000): ElderLookup => ({
  isRegistered: async (elderId) => (await queryGraph<{ elderRegistered: boolean }>(gatewayUrl, 'the elder', QUERY, { id: elderId }, timeoutMs)).elderRegistered,
});
