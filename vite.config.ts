import { builtinModules } from 'node:module';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sha256Source } from './core/runtime/page-content-security-policy.ts';
import { META_CONTENT_SECURITY_POLICY, metaContentSecurityPolicy } from './shared/content-security-policy.ts';

// One Vite config, three builds (`npm run build` runs all three):
//   default            -> the React renderer, dist/renderer (served by Electron and the headless host)
//   electron-main      -> dist/electron/main.js (ESM, dependencies bundled in, minified)
//   electron-preload   -> dist/electron/preload.cjs (a sandboxed preload must be one CommonJS file)
const nodeExternals = [/^node:/, ...builtinModules, 'electron', /^electron\//];

/**
 * How the process that runs the core is bundled: Electron's main process here, and the headless
 * host the same way in `npm run bench` (bench/bundled-host.ts). Its dependencies are bundled in and
 * minified: every module's source text stays in V8's heap for the life of the process, and loaded
 * one by one from node_modules they held 6 MB more of it (heap used 31.6 against 25.5 MB, RSS
 * 143-150 against 139-142 MB at 10k alerts; docs/benchmarks.md). node-notifier stays in
 * node_modules: it starts helper binaries from its own folder (electron-builder.yml, asarUnpack).
 */
export const MAIN_PROCESS_BUNDLE = {
  external: [...nodeExternals, 'node-notifier'],
  minify: true,
  target: 'node24',
} as const;

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

/**
 * The page's main stylesheet goes into index.html as a <style> element, allowed by its hash in the
 * page's <meta> policy (and in the header policy the page is served with,
 * core/runtime/page-content-security-policy.ts). Linked, the first frame waited for a second
 * request before it could be painted: at 10k alerts under the bench's load, the incident was shown
 * in 111 ms inlined against 160 ms linked (medians of 10; docs/benchmarks.md).
 */
function inlineEntryStylesheet(): Plugin {
  return {
    name: 'vigil-inline-entry-stylesheet',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle ?? {};
        const links = [...html.matchAll(/<link rel="stylesheet"[^>]*? href="\.\/([^"]+\.css)"[^>]*>/g)];
        const fail = (why: string) => new Error(`vite.config.ts: cannot inline the page's stylesheet: ${why}`);
        if (links.length !== 1) throw fail(`the page links ${links.length} stylesheets, not one`);
        const [link, fileName] = links[0] as unknown as [string, string];
        const asset = bundle[fileName];
        if (asset?.type !== 'asset') throw fail(`${fileName} is not in the build`);
        const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
        // A stylesheet cannot end the element early (it is our own CSS; this would be a build bug).
        if (/<\/style/i.test(css)) throw fail(`${fileName} contains "</style"`);
        const meta = `content="${META_CONTENT_SECURITY_POLICY}"`;
        const metas = html.split(meta).length - 1;
        if (metas !== 1) throw fail(`the page has ${metas} <meta> policies as renderer/index.html writes it, not one`);
        // Nothing else loads it: it is in the page now. The app's lazy chunks import modules of the
        // entry, so Vite lists the entry's stylesheet among what each of their dynamic imports
        // must load first (its __vite__mapDeps); a file no longer there would fail those imports.
        delete bundle[fileName];
        for (const output of Object.values(bundle)) if (output.type === 'chunk') output.viteMetadata?.importedCss.delete(fileName);
        return html.replace(link, () => `<style>${css}</style>`).replace(meta, () => `content="${metaContentSecurityPolicy([sha256Source(css)])}"`);
      },
    },
  };
}

const renderer: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react(), preloadAppChunk(), inlineEntryStylesheet()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome130' },
};

const electronMain: UserConfig = {
  build: {
    ssr: 'electron/main.ts',
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: MAIN_PROCESS_BUNDLE.target,
    minify: MAIN_PROCESS_BUNDLE.minify,
    sourcemap: true,
    rollupOptions: { external: [...MAIN_PROCESS_BUNDLE.external], output: { format: 'es', entryFileNames: 'main.js' } },
  },
  ssr: { noExternal: true },
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
