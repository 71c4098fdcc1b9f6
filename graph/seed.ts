import type { DataSource } from 'typeorm';
import type { SeedOptions, SubgraphModule } from '@civic/shared';
import { serviceLogger } from '@civic/shared';

const logger = serviceLogger('seed');

/**
 * Seeds each subgraph that is still empty, in the architecture's order (the
 * directory's people first). A database that already holds data is left alone,
 * so restarting `npm start` never duplicates or overwrites anything.
 */
export async function seedIfEmpty(
  subgraphs: { module: SubgraphModule; dataSource: DataSource }[],
  options: SeedOptions,
): Promise<string[]> {
  const seeded: string[] = [];
  for (const { module, dataSource } of subgraphs) {
    if (!module.seed || !module.isEmpty || !(await module.isEmpty(dataSource))) continue;
    const started = Date.now();
    await module.seed(dataSource, options);
    logger.info({ subgraph: module.name, size: options.size, seed: options.seed, ms: Date.now() - started }, 'seeded');
    seeded.push(module.name);
  }
  return seeded;
}
