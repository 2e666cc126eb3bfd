import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Where the `electron` package's binary is, found the way its own index.js finds it (path.txt in
// the package, the binary under dist/ or under ELECTRON_OVERRIDE_DIST_PATH) but without requiring
// that module: requiring it starts a download when the binary is missing, and throws on failure.

export type ElectronBinary =
  | { found: true; path: string; version: string }
  | { found: false; version: string | null; packageDir: string | null; problem: string; overridden: boolean };

/** The executable's path inside an Electron dist folder, as electron/install.js writes it to path.txt. */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronBinary {
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH || null;
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, version: null, packageDir: null, problem: 'the electron package is not installed (npm ci installs it)', overridden: overrideDir !== null };
  }
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable(platform);
  const binary = path.join(overrideDir ?? path.join(packageDir, 'dist'), executable);
  if (existsSync(binary)) return { found: true, path: binary, version };
  const problem = overrideDir ? `ELECTRON_OVERRIDE_DIST_PATH is ${overrideDir}, which has no ${executable}` : `${binary} does not exist`;
  return { found: false, version, packageDir, problem, overridden: overrideDir !== null };
}
