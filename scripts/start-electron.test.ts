import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.ts';
import { electronJsFlagsArgument } from '../core/runtime/main-process-flags.ts';

// What `npm start` does after the build, where Electron's binary is missing and cannot be
// downloaded: a clear message and a non-zero exit, never Electron's stack trace. The launch
// command is read from package.json's "start" script and run as npm runs it (a shell, with
// node_modules/.bin first on PATH). The only fault injected is the download: Electron's mirror
// points at a closed loopback port and its cache at an empty folder, so the download fails the
// same way offline or online.

const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
const launchCommand = startScript.replace(/^npm run build && /, '');
const installed = findElectronBinary({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '' });
const scratch = mkdtempSync(path.join(tmpdir(), 'vigil-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function npmStart(extraArgs: string[], env: Record<string, string>) {
  const mirror = `http://127.0.0.1:${await closedPort()}/`;
  const cache = mkdtempSync(path.join(scratch, 'cache-'));
  const baseEnv: NodeJS.ProcessEnv = { ...process.env };
  delete baseEnv.ELECTRON_OVERRIDE_DIST_PATH;
  const result = spawnSync('sh', ['-c', `${launchCommand} "$@"`, 'sh', ...extraArgs], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...baseEnv,
      PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      // npm passes .npmrc settings as npm_config_*, which @electron/get reads before ELECTRON_MIRROR.
      ELECTRON_MIRROR: mirror,
      npm_config_electron_mirror: mirror,
      electron_config_cache: cache,
      ...env,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const stackFrame = /^\s+at\s.+[:(]/m;

describe('npm start without an Electron binary', () => {
  it('is the launcher, not `electron .`', () => {
    expect(launchCommand).toBe('node scripts/start-electron.ts .');
  });

  it.skipIf(installed.found)('says the binary is missing and could not be downloaded, points to npm run serve and ELECTRON_OVERRIDE_DIST_PATH, and fails without a stack trace', async () => {
    const { status, output } = await npmStart([], {});
    expect(status).not.toBe(0);
    expect(output).toContain('Vigil cannot open the desktop app: the Electron binary is not installed and could not be downloaded.');
    expect(output).toMatch(/download failed: .*fetch failed/);
    expect(output).toContain('npm run serve');
    expect(output).toContain('ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start');
    expect(output).not.toMatch(stackFrame);
    expect(output).not.toContain('node:internal');
  });

  it('says where ELECTRON_OVERRIDE_DIST_PATH points when there is no binary there, without a stack trace', async () => {
    const empty = mkdtempSync(path.join(scratch, 'empty-dist-'));
    const { status, output } = await npmStart([], { ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(status).not.toBe(0);
    expect(output).toContain(`Vigil cannot open the desktop app: ELECTRON_OVERRIDE_DIST_PATH is ${empty}, which has no electron.`);
    expect(output).toContain('npm run serve');
    expect(output).not.toMatch(stackFrame);
  });
});

describe('npm start with an Electron binary', () => {
  // A stand-in executable where ELECTRON_OVERRIDE_DIST_PATH points: it records its arguments and
  // exits 3, so the launcher's pass-through of `npm start -- ARGS` and of the exit code shows.
  it.runIf(process.platform === 'linux')("runs it with the main process's V8 flags, the app directory and the user arguments, and exits with its code", async () => {
    const dist = mkdtempSync(path.join(scratch, 'dist-'));
    const argsFile = path.join(dist, 'args.txt');
    writeFileSync(path.join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 3\n`);
    chmodSync(path.join(dist, 'electron'), 0o755);
    const { status } = await npmStart(['--config', 'my vigil.yaml'], { ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(status).toBe(3);
    expect(readFileSync(argsFile, 'utf8').split('\n').filter(Boolean)).toEqual([electronJsFlagsArgument(), '.', '--config', 'my vigil.yaml']);
  });
});
