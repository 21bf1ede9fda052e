// Runs before graphiql.js: Monaco reads MonacoEnvironment when it loads, and the workers it
// starts must be files of this origin (the page's policy refuses blob: workers).
interface YogaGraphiQLGlobal {
  renderYogaGraphiQL(root: Element, options: unknown): void;
}

const workers: Record<string, string> = {
  editorWorkerService: '/assets/graphiql/editor.worker.js',
  json: '/assets/graphiql/json.worker.js',
  graphql: '/assets/graphiql/graphql.worker.js',
};

Object.assign(self, {
  MonacoEnvironment: {
    globalAPI: false,
    getWorkerUrl: (_moduleId: string, label: string) => workers[label] ?? workers.editorWorkerService,
  },
});

// GraphiQL restores the tabs of the last visit and, finding none for the (absent) query, adds an
// empty one and focuses it; a visit opens on the example tabs instead (headers, an API key, are kept).
for (const key of ['tabState', 'query', 'variables']) localStorage.removeItem(`graphiql:${key}`);

document.addEventListener('DOMContentLoaded', () => {
  const options = JSON.parse(document.getElementById('graphiql-options')?.textContent ?? '{}') as unknown;
  const { YogaGraphiQL } = window as unknown as { YogaGraphiQL: YogaGraphiQLGlobal };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root')!, options);
});
