import { builtinModules } from 'node:module';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One Vite config, three builds (`npm run build` runs all three):
//   default            -> the React renderer, dist/renderer (served by Electron and the headless host)
//   electron-main      -> dist/electron/main.js (ESM, dependencies left external)
//   electron-preload   -> dist/electron/preload.cjs (a sandboxed preload must be one CommonJS file)
const nodeExternals = [/^node:/, ...builtinModules, 'electron', /^electron\//];

const renderer: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react()],
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
