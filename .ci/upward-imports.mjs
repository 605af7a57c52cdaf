// Counts "upward" imports: an import from a module in a lower layer of a module in a higher one.
// Layers, lowest first (the first pattern that matches a path decides):
//   0 data     src/db/**, every src/**/*.sql.ts table file, and the kernel every layer may use
//              (src/errors.ts, src/input-error.ts, src/log.ts, src/config.ts)
//   1 domains  every other module under src/ (feeds, articles, stories, claims, discussion, …)
//   2 use cases src/use-cases/**: one function per action that spans several domains
//   3 views    views/**
//   4 web      src/web/**
//   5 entry    src/main.ts, src/bin/**, the command line (src/cli*.ts, src/**/cli.ts, src/**/*-cli.ts), workers/**
// Every import statement counts once, type-only imports included (a type import still ties the
// lower module to the higher one's design). Imports within one layer are not counted.
// Usage: node .ci/upward-imports.mjs [--max N] [--list] [paths…]; exits 1 when the count exceeds --max.
import { cruise } from 'dependency-cruiser';

const LAYERS = [
  ['entry', /^(src\/main\.ts|src\/bin\/|src\/cli[^/]*\.ts|src\/.+\/(cli|[^/]+-cli)\.ts|workers\/)/],
  ['web', /^src\/web\//],
  ['use-cases', /^src\/use-cases\//],
  ['views', /^views\//],
  ['data', /^(src\/db\/|src\/.+\.sql\.ts$|src\/(errors|input-error|log|config)\.ts$)/],
  ['domains', /^src\//],
];
const RANK = { data: 0, domains: 1, 'use-cases': 2, views: 3, web: 4, entry: 5 };
const layerOf = (path) => LAYERS.find(([, re]) => re.test(path))?.[0];

const args = process.argv.slice(2);
const max = args.includes('--max') ? Number(args[args.indexOf('--max') + 1]) : Infinity;
const list = args.includes('--list');
const roots = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--max');
const result = await cruise(roots.length ? roots : ['src', 'views', 'workers'], {
  includeOnly: '^(src|views|workers)/',
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.json' },
});
const upward = [];
for (const m of result.output.modules) {
  const from = layerOf(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = layerOf(d.resolved);
    if (to && RANK[to] > RANK[from]) upward.push(`${m.source} (${from}) → ${d.resolved} (${to})`);
  }
}
// Folder pairs that import each other: src/<folder>, src/web as one, views, workers, and src/'s own
// files as "src/". Left out: the kernel files (imported by everyone) and src/db/schema.ts (it lists every table).
const IGNORED = /^(src\/(errors|input-error|log|config)\.ts|src\/db\/schema\.ts)$/;
const folderOf = (path) =>
  path.match(/^src\/web\//)?.[0] ??
  path.match(/^src\/([^/.]+)\//)?.[0] ??
  path.match(/^(views|workers)\//)?.[0] ??
  'src/';
const edges = new Set();
for (const m of result.output.modules)
  for (const d of m.dependencies)
    if (!IGNORED.test(m.source) && !IGNORED.test(d.resolved) && folderOf(m.source) !== folderOf(d.resolved))
      edges.add(`${folderOf(m.source)} ${folderOf(d.resolved)}`);
const mutual = [...edges].filter((e) => {
  const [a, b] = e.split(' ');
  return a < b && edges.has(`${b} ${a}`);
});
if (list)
  for (const line of [...upward.sort(), ...mutual.map((e) => `mutual: ${e.replace(' ', ' ⇄ ')}`)]) console.log(line);
console.log(`folder pairs importing each other: ${mutual.length}`);
console.log(`upward imports: ${upward.length}${Number.isFinite(max) ? ` (at most ${max})` : ''}`);
if (upward.length > max) process.exit(1);
