/** The spellings of a new subgraph's name, as each kind of file needs it. */
export interface SubgraphNames {
  /** kebab-case, as registered and composed: elder-canteens */
  name: string;
  /** PascalCase, for GraphQL types and classes: ElderCanteens */
  pascal: string;
  /** camelCase, for GraphQL fields and variables: elderCanteens */
  camel: string;
  /** snake_case, for the PostgreSQL schema: elder_canteens */
  dbSchema: string;
  /** SCREAMING_SNAKE, for environment variables: ELDER_CANTEENS */
  env: string;
}

export const SUBGRAPH_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function subgraphNames(name: string): SubgraphNames {
  if (!SUBGRAPH_NAME.test(name)) {
    throw new Error(`"${name}" is not a subgraph name: use lower-case words joined by hyphens, e.g. elder-canteens`);
  }
  const words = name.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return {
    name,
    pascal,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    dbSchema: words.join('_'),
    env: words.join('_').toUpperCase(),
  };
}
