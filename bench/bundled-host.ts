import { join } from 'node:path';
import { build } from 'vite';
import { MAIN_PROCESS_BUNDLE } from '../vite.config.ts';

// The headless host as the bench runs it: bundled, as Electron's main process runs Vigil's core
// (vite.config.ts, MAIN_PROCESS_BUNDLE: Vigil's TypeScript and its dependencies in one minified ES
// module, node-notifier left to node_modules). Run from its .ts sources, Node loads its TypeScript stripper (a WebAssembly
// module and its 3.8 MB of JavaScript) into the host, which Electron never does: 13-17 MB of the
// host's RSS (docs/benchmarks.md). The probe preloaded into it is bundled beside it for the same
// reason. Written to .bench-host/ in the repository, so the host's own paths (the renderer in
// dist/renderer, the seeds) resolve as they do from host/serve.ts.

const repoRoot = join(import.meta.dirname, '..');
export const BUNDLED_HOST_DIR = join(repoRoot, '.bench-host');

export interface BundledHost {
  /** The host's entry (host/serve.ts, bundled). */
  script: string;
  /** bench/host-probe.ts, bundled, for NODE_OPTIONS=--import. */
  probe: string;
}

export async function buildBundledHost(): Promise<BundledHost> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: BUNDLED_HOST_DIR,
      emptyOutDir: true,
      target: MAIN_PROCESS_BUNDLE.target,
      // Unminified when profiled, so the profiles name Vigil's functions.
      minify: MAIN_PROCESS_BUNDLE.minify && !process.env.VIGIL_BENCH_CPU_PROF,
      rollupOptions: {
        input: { serve: join(repoRoot, 'host', 'serve.ts'), 'host-probe': join(import.meta.dirname, 'host-probe.ts') },
        external: [...MAIN_PROCESS_BUNDLE.external],
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
    ssr: { noExternal: true },
  });
  return { script: join(BUNDLED_HOST_DIR, 'serve.mjs'), probe: join(BUNDLED_HOST_DIR, 'host-probe.mjs') };
}
