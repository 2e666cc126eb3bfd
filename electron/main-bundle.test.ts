import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

// The packaged app contains dist/ plus the production dependencies only (electron-builder.yml).
// Every bare import left in the main bundle must therefore be a Node builtin, electron, or a
// package listed in package.json "dependencies" - a devDependency would crash the shipped app at
// start-up, which no other test would notice. The rest is bundled (vite.config.ts, MAIN_PROCESS_BUNDLE).

describe('main process bundle', () => {
  it('builds to one ESM file whose external imports all ship with the app', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'vigil-main-'));
    try {
      const result = await build({ configFile: path.resolve('vite.config.ts'), mode: 'electron-main', logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const chunks = outputs.filter((o) => o.type === 'chunk');
      expect(chunks.map((c) => c.fileName)).toEqual(['main.js']);
      const code = readFileSync(path.join(outDir, 'main.js'), 'utf8');
      const specifiers = new Set(chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]));
      const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
      const shipped = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', ...Object.keys(packageJson.dependencies)]);
      const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string));
      expect(specifiers.has('electron')).toBe(true);
      expect([...specifiers].filter((s) => !shipped.has(packageOf(s)) && !shipped.has(s))).toEqual([]);
      // Dependencies are bundled in (their source text is what the process holds), except
      // node-notifier, which starts helper binaries from its own folder.
      expect([...specifiers].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)).sort()).toEqual(['electron', 'node-notifier']);
      expect(code).toMatch(/^import/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
