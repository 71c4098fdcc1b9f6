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
  let population: SeedOptions['population'];
  for (const { module, dataSource } of subgraphs) {
    if (module.seed && module.isEmpty && (await module.isEmpty(dataSource))) {
      const started = Date.now();
      await module.seed(dataSource, { ...options, population });
      logger.info({ subgraph: module.name, size: options.size, seed: options.seed, ms: Date.now() - started }, 'seeded');
      seeded.push(module.name);
    }
    // Read back rather than planned: the directory may hold an earlier seed's people.
    if (module.population) population = { people: [], organizations: [], ...population, ...(await module.population(dataSource)) };
  }
  return seeded;
}
