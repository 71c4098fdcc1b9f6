import { writeResolverTypes } from '../graph/codegen/config';

/**
 * npm run codegen: writes each subgraph's resolver types (src/generated/resolvers.ts)
 * from its schema.graphql and codegen.json. Run it after changing an SDL or a mapper;
 * tests/codegen.test.ts fails while a committed file is stale.
 */
writeResolverTypes().then(
  (files) => console.log(files.map((f) => `wrote ${f}`).join('\n')),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
