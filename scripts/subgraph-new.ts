import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { isLocal, readRegistry } from '../graph/registry';
import { scaffoldSubgraph } from '../graph/scaffold/scaffold';
import { writeResolverTypes } from '../graph/codegen/config';

/**
 * npm run subgraph:new -- NAME [--port N] [--partner "who runs it"] [--no-install]
 * Scaffolds subgraphs/NAME (schema, resolvers, migration, seed, tests), registers
 * it in graph/subgraph-registry.json and the deployment files, links the workspace
 * (npm install), generates its resolver types (npm run codegen) and composes the
 * supergraph, so it starts with `npm start`.
 */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, partner: { type: 'string' }, 'no-install': { type: 'boolean' } },
  });
  const [name] = positionals;
  if (!name) {
    console.error('usage: npm run subgraph:new -- NAME [--port N] [--partner "who runs it"]');
    process.exit(2);
  }
  // Partners' ports follow the architecture's 4001–4005.
  const port = values.port
    ? Number(values.port)
    : Math.max(
        4005,
        ...readRegistry()
          .filter(isLocal)
          .map((s) => s.port),
      ) + 1;
  const written = scaffoldSubgraph({ name, port, partner: values.partner ?? `${name}: a partner subgraph` });
  written.push(...(await writeResolverTypes(undefined, [name])));
  // Formatted as npm run lint checks it (.prettierrc.json), so its first npm test passes.
  execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', `subgraphs/${name}`], { stdio: 'inherit' });
  console.log(`created subgraph ${name} on port ${port}:\n${written.map((f) => `  ${f}`).join('\n')}`);
  if (!values['no-install']) {
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
    execFileSync('npm', ['run', 'compose'], { stdio: 'inherit' });
  }
  console.log(`next: npx jest subgraphs/${name}, then npm start, then rename the example site to your domain`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
