/**
 * Dependency rules (`npm run lint:deps`). Layers, lowest first:
 *   kernel (src/db, errors, config, log, input-error) < domains (every other folder of src/)
 *   < use cases (src/use-cases/) < views/ < src/web/ < entry points (src/main.ts, the CLIs, src/bin/, workers/).
 * Imports point down. The hard rules are below; .ci/upward-imports.mjs counts the rest.
 * Views are checked for direct imports only: some still read a constant from a domain module that
 * itself loads drizzle and its tables (see the README's Architecture section).
 */
const DB = '^src/db/|[.]sql[.]ts$|^node_modules/(drizzle-orm|postgres|@electric-sql/pglite)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-web',
      comment: 'Domains know nothing of HTTP: only src/web, src/main.ts and src/bin may import src/web.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(web/|main[.]ts$|bin/)' },
      to: { path: '^src/web/' },
    },
    {
      name: 'domain-imports-use-case',
      comment: 'A use case composes domains; a domain that needs one has its dependencies upside down.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(web/|use-cases/|main[.]ts$|bin/)' },
      to: { path: '^src/use-cases/' },
    },
    {
      name: 'view-imports-database',
      comment: 'Views get props and return HTML: they import no database client, tables or query builder.',
      severity: 'error',
      from: { path: '^views/' },
      to: { path: DB, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'worker-imports-database',
      comment: 'Workers get plain data and return plain data; they never touch the database.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: DB, reachable: true },
    },
    {
      name: 'no-circular-web',
      comment: 'The web layer may be entangled with itself, never with a domain.',
      severity: 'error',
      from: { path: '^src/(?!web/)' },
      to: { path: '^src/web/', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|views|workers|node_modules)/',
    // Type-only imports vanish when TypeScript is stripped, so they are not run-time dependencies.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
  },
};
