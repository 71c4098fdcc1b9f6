import { startStandInGateway } from '@civic/shared/src/testing';

/**
 * A stand-in for the gateway, answering the one question this subgraph asks the
 * graph (`elderRegistered`): every elder is known except those a test marks unknown.
 */
export async function startFakeGateway() {
  const unknown = new Set<string>();
  const asked: string[] = [];
  const gateway = await startStandInGateway(({ variables }) => {
    asked.push(variables.id);
    return { elderRegistered: !unknown.has(variables.id) };
  });
  return { ...gateway, unknown, asked };
}
