import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.ts';
import type { ElectronBinary } from './electron-binary.ts';
import { electronJsFlagsArgument } from '../core/runtime/main-process-flags.ts';

// `npm start` opens the app through this launcher (after the build) instead of `electron .`.
// Electron fetches its binary on first start; where it cannot (offline, a server, a blocked
// download), `electron .` dies with its own stack trace, which tells a user nothing about what to
// do. This says what happened and what to run instead, and otherwise runs Electron with the same
// arguments and exits with its exit code.

const missing = (binary: Extract<ElectronBinary, { found: false }>, downloadError: string | null): string =>
  [
    binary.overridden
      ? `Vigil cannot open the desktop app: ${binary.problem}.`
      : 'Vigil cannot open the desktop app: the Electron binary is not installed and could not be downloaded.',
    ...(binary.overridden ? [] : [`  ${binary.problem}`]),
    ...(downloadError ? [`  download failed: ${downloadError}`] : []),
    '',
    'To run the same Vigil in your browser instead, start the headless host and open the URL it prints:',
    '  npm run serve',
    `If you have an Electron${binary.version ? ` ${binary.version}` : ''} build on this machine, point npm start at its folder:`,
    '  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
    '',
  ].join('\n');

/** Runs electron's own installer (the download it would start on first require); returns why it failed, or null. */
function download(binary: Extract<ElectronBinary, { found: false }>): string | null {
  if (!binary.packageDir) return null;
  process.stdout.write(`Downloading Electron ${binary.version} (first start only)...\n`);
  // Its stderr is kept: on failure it is a stack trace, of which only the first line says anything.
  const result = spawnSync(process.execPath, [path.join(binary.packageDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (result.error) return result.error.message;
  if (result.status === 0) return null;
  const firstLine = result.stderr.split('\n').find((line) => line.trim() !== '' && !/^\s+at\s/.test(line));
  return firstLine?.trim() ?? `the installer exited with code ${result.status}`;
}

/** The binary to run, downloading it first if needed; null (after saying why) when there is none. */
function electronExecutable(): string | null {
  let binary = findElectronBinary();
  let downloadError: string | null = null;
  // An explicit ELECTRON_OVERRIDE_DIST_PATH is the user's choice: report it, do not download over it.
  if (!binary.found && !binary.overridden && binary.packageDir) {
    downloadError = download(binary);
    binary = findElectronBinary();
  }
  if (binary.found) return binary.path;
  process.stderr.write(missing(binary, downloadError));
  return null;
}

const executable = electronExecutable();
if (executable === null) process.exit(1);

const electron = spawn(executable, [electronJsFlagsArgument(), ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
electron.on('error', (error) => {
  process.stderr.write(`Vigil cannot open the desktop app: could not run ${executable}: ${error.message}\n`);
  process.exit(1);
});
electron.on('exit', (code, signal) => {
  if (signal) process.stderr.write(`Electron exited with signal ${signal}\n`);
  process.exit(code ?? 1);
});
// Ctrl-C and service managers signal the launcher; Electron must get the same chance to quit cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.kill(signal));
