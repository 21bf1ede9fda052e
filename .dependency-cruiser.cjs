/**
 * The layers of src/, top to bottom (README, "Layout"). A file may import from its own layer or any
 * layer below it, never above, and folders of one layer never import each other. Checked by
 * test/unit/architecture.test.ts and `npm run deps`.
 */
const LAYERS = [
  ['src/main.ts', 'src/cli/'],
  ['src/http/'],
  ['src/schema/'],
  ['src/context.ts'],
  // Reading for GraphQL, exporting files and importing published datasets are beside each other;
  // exports write the file format that imports read (src/ingest/shapes.ts), and dataset importers
  // turn rows into those items, so ingest sits below all three.
  ['src/read/', 'src/export/', 'src/datasets/'],
  ['src/ingest/'],
  ['src/graph/'],
  ['src/db/'],
  ['src/text/'],
  ['src/core/'],
];

const pathOf = (room) => `^${room.replace(/[.]/g, '\\.')}${room.endsWith('/') ? '' : '$'}`;

const upward = LAYERS.flatMap((layer, index) =>
  layer.map((room) => ({
    name: 'layer-upward',
    comment: `${room} imports a layer above it`,
    severity: 'error',
    from: { path: pathOf(room) },
    to: { path: LAYERS.slice(0, index).flat().map(pathOf) },
  })),
).filter((rule) => rule.to.path.length > 0);

const sideways = LAYERS.flatMap((layer) =>
  layer.map((room) => ({
    name: 'layer-sideways',
    comment: `${room} imports another room of its own layer`,
    severity: 'error',
    from: { path: pathOf(room) },
    to: { path: layer.filter((other) => other !== room).map(pathOf) },
  })),
).filter((rule) => rule.to.path.length > 0);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'files under src/ import each other in a circle',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'src-outside',
      comment: 'the service imports only its own code and packages: never seed/, bench/, scripts/, test/ or web/',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(seed|bench|scripts|test|web)/' },
    },
    ...upward,
    ...sideways,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
