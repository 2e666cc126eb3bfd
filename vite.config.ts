import { builtinModules } from 'node:module';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One Vite config, three builds (`npm run build` runs all three):
//   default            -> the React renderer, dist/renderer (served by Electron and the headless host)
//   electron-main      -> dist/electron/main.js (ESM, dependencies left external)
//   electron-preload   -> dist/electron/preload.cjs (a sandboxed preload must be one CommonJS file)
const nodeExternals = [/^node:/, ...builtinModules, 'electron', /^electron\//];

/**
 * index.html preloads the app's chunk (renderer/mount-app.tsx): main.tsx imports it only once the
 * page's first frame is painted, and the browser should have fetched and parsed it by then.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'vigil-preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle ?? {};
        const app = Object.values(bundle).find((output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/renderer/mount-app.tsx'));
        if (!app || app.type !== 'chunk') throw new Error("vite.config.ts: the build has no chunk for renderer/mount-app.tsx (main.tsx's dynamic import)");
        // The chunk and what it imports statically (Chromium preloads only the module it is given),
        // and its stylesheets (loaded, not applied, until the app applies them).
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          // The entry and its stylesheet are in the page already.
          if (scripts.has(fileName) || chunk?.type !== 'chunk' || chunk.isEntry) return;
          scripts.add(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        return [
          ...[...scripts].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
          ...[...styles].map((href) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

const renderer: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react(), preloadAppChunk()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome130' },
};

const electronMain: UserConfig = {
  build: {
    ssr: 'electron/main.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'node24',
    sourcemap: true,
    rollupOptions: { external: nodeExternals, output: { format: 'es', entryFileNames: 'main.js' } },
  },
  ssr: { noExternal: [] },
};

const electronPreload: UserConfig = {
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'chrome130',
    sourcemap: true,
    lib: { entry: 'electron/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'electron-main') return electronMain;
  if (mode === 'electron-preload') return electronPreload;
  return renderer;
});
