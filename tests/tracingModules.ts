/**
 * Run by tests/tracing.e2e.test.ts as `node --import tsx tests/tracingModules.ts`:
 * loads what `npm start` loads, in its order (tracing's register first, then the
 * graph), and prints the npm packages then loaded, as one JSON line.
 */
import '@civic/shared/src/tracing/register';
import '../graph/launch';

const packageOf = (file: string) => file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
const loaded = new Set(Object.keys(require.cache).map(packageOf).filter(Boolean));
process.stdout.write(`${JSON.stringify([...loaded].sort())}\n`);
process.exit(0);
