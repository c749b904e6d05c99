// Import rules for src/ (issue 12), checked by `npm run lint:imports` (part of `npm run check`).
//
// Layers, top to bottom. A folder may import its own files and any folder below it, never one above:
//
//   cli → ui → state → engine → cluster → lessons → expectations → parse → core
//
// state/ sits above engine/ because it stores what the engine produces (progress, step pictures);
// the engine itself never reads or writes kindlab's files.
//
// Because the layers form a line, no two top-level folders can import each other, directly or
// through others: any folder cycle needs at least one upward import, which `layers` rejects.
// Type-only imports and lazy `import()` count like any other import.
const path = require('node:path');

const LAYERS = ['cli', 'ui', 'state', 'engine', 'cluster', 'lessons', 'expectations', 'parse', 'core'];

// Known exceptions: imports that break the rules today. Each one is listed here so that any NEW
// violation fails; remove an entry when its file is fixed. (cluster/ → state/paths.ts was one, until
// paths.ts, pure, moved to core/.)
const KNOWN_UPWARD = [];

// cli/ reaches the cluster through one door (issue 12), as kind's pkg/cluster/provider.go is the one door
// into pkg/cluster/internal/**: cluster/index.ts, which names the port's types and errors and loads each
// heavy part lazily. Every cli file, by import or lazy import(), with no exception.
const CLUSTER_FACADE = '^src/cluster/index\\.ts$';
const facadeRules = [
  {
    name: 'cli-cluster-facade',
    comment: 'src/cli/ imports src/cluster/ only through its door, src/cluster/index.ts',
    severity: 'error',
    from: { path: '^src/cli/' },
    to: { path: '^src/cluster/', pathNot: CLUSTER_FACADE },
  },
];

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = `^src/(${LAYERS.slice(0, i).join('|')})/`;
  if (i === 0) return [];
  const comment = `src/${layer}/ may not import ${LAYERS.slice(0, i)
    .map((l) => `src/${l}/`)
    .join(', ')} (layers: ${LAYERS.join(' → ')})`;
  const known = KNOWN_UPWARD.filter((k) => k.layer === layer);
  const rule = { name: `layers-${layer}`, comment, severity: 'error', from: { path: `^src/${layer}/` }, to: { path: above } };
  if (known.length > 0) rule.from.pathNot = known.map((k) => k.from).join('|');
  // A file with a known exception is still held to every other upward import.
  const exceptions = known.map((k) => ({ ...rule, from: { path: k.from }, to: { path: above, pathNot: k.to } }));
  return [rule, ...exceptions];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle between files of src/ (a cycle means two files share a fact that belongs in a third).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    ...facadeRules,
    {
      name: 'layers-known-folder',
      comment: `Every top-level folder of src/ has a place in the layers (${LAYERS.join(', ')}); add a new one to LAYERS.`,
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: `^src/(${LAYERS.join('|')})/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/|\\.test\\.ts$' },
    // Absolute, so the rules can also be run on test/fixtures/import-rules (test/tooling/import-rules.test.ts).
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
