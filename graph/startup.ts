import type { RunningGraph } from './launch';
export { isStartupError, onShutdown } from '@civic/shared';

const FIRST_QUERY = '{ region(code: "350105") { name level children { name } elderCare { elders } } }';

/** What `npm start` prints once everything listens: where things are and a first query. */
export function graphBanner(graph: RunningGraph): string {
  const lines = [
    '',
    `civic graph ready: ${graph.gateway.url}`,
    `  playground (browser)  ${graph.gateway.url}playground`,
    `  dashboard (browser)   ${graph.gateway.url}dashboard`,
    ...graph.subgraphs.map((s) => `  ${s.module.name.padEnd(20)} ${s.service.url}  (signed requests only)`),
    '',
    'First query:',
    `  curl -s ${graph.gateway.url} -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify({ query: FIRST_QUERY })}'`,
    '',
    'A token for personal data: npm run token -- --role DISTRICT_OFFICER --region 350105',
    'Ctrl-C stops everything.',
  ];
  return lines.join('\n');
}
