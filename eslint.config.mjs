// ESLint (flat config): typescript-eslint's recommended type-checked rules over the
// TypeScript the root tsconfig.json checks, and the plain recommended rules over the
// few JavaScript files. `npm run lint` runs it with Prettier's check; `npm test` runs
// `npm run lint` after the type-check and before jest.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const BROWSER = [
  'window',
  'document',
  'localStorage',
  'fetch',
  'location',
  'history',
  'setTimeout',
  'clearTimeout',
  'URL',
  'URLSearchParams',
  'AbortController',
  'AbortSignal',
];
const PAGE_LIBRARIES = ['Chart', 'echarts', 'GraphiQL', 'GraphiQLPluginExplorer', 'React', 'ReactDOM'];
const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.scaffold-test-*/**', 'deploy/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      // Noisy here, each in hundreds of places, so off: TypeORM's db.query and JSON.parse answer
      // `any`, and rows are typed once at the repository boundary (an `as` or an annotation); tsc's
      // strict mode checks everything after it.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `any` marks those same boundaries (query rows, DeclaredWrite<any>, test doubles): 281 places.
      '@typescript-eslint/no-explicit-any': 'off',
      // An async function without await keeps a Promise-returning contract (a loader, a job, a resolver).
      '@typescript-eslint/require-await': 'off',
      // Closures in object literals (no `this`) that interfaces declare in method syntax.
      '@typescript-eslint/unbound-method': 'off',
      // graphql-js's Kind enum compared with AST nodes' kind: the same strings, by design.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Its autofix drops assertions tsc needs where a literal type comes from the assertion
      // (a seed's `'MALE' as 'MALE' | 'FEMALE'`): 33 places, none a bug.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // A `let` read by a shutdown closure before its one assignment (scripts/start.ts) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // TypeORM's own entity and migration lists are typed `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // `_name` says "deliberately unused" (a rest sibling left out, a positional argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Where (sql.ts) prints as its WHERE clause: that is what it is for.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowBoolean: true,
          allowNullish: true,
          allow: [
            { from: 'file', name: 'Where', path: 'packages/shared/src/sql.ts' },
            { from: 'lib', name: ['Error', 'URL'] },
          ],
        },
      ],
    },
  },
  {
    // Tests load heavy or optional modules lazily, inside the test that needs them.
    files: ['tests/**', '**/test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: readonly(['require', 'module', '__dirname', 'process', 'console']) },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  { files: ['gateway/web/**/*.js', 'scripts/readyz.mjs'], languageOptions: { globals: readonly([...BROWSER, ...PAGE_LIBRARIES]) } },
);
