// The map page is where the portal opens, and its code is loaded on demand behind the entry chunk
// (which MapLibre, about 1 MB, makes slow to arrive): the browser only learns of the page's chunks
// once the entry has run. Listing them in index.html lets the browser fetch them alongside the
// entry, and the whole set arrives at once instead of queueing behind the app's first API calls.
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The chunk built from `page` and every chunk it imports statically. */
export function chunkGraph(bundle: OutputBundle, page: string): OutputChunk[] {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
  const root = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(page));
  if (!root) throw new Error(`preload-start-page: no chunk is built from ${page}`);
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName) || chunk.isEntry) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) visit(byName.get(name)!);
  };
  visit(root);
  return [...seen.values()];
}

export function preloadStartPage(page: string): Plugin {
  let base = '/';
  return {
    name: 'preload-start-page',
    apply: 'build',
    configResolved: (config) => void (base = config.base),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        if (!ctx.bundle) return;
        return chunkGraph(ctx.bundle, page).map((chunk) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
