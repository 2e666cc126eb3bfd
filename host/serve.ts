import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createVigilCore } from '../core/create-vigil-core.ts';
import { createDesktopNotifier } from '../core/notify/desktop-notifier.ts';
import { createStormControlledNotifier } from '../core/notify/notification-storm-control.ts';
import { createConsoleLogger } from '../core/runtime/console-logger.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import { createConfStore, createEnvSecretStore } from '../core/settings/index.ts';
import { startHostServer } from './host-server.ts';

// `npm run serve -- --config FILE`: the headless host. Prints the URL to open, and one machine-readable
// readiness line (VIGIL_READY {...}) that the end-to-end fixtures wait for instead of sleeping.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'open-with': { type: 'string' },
  },
});

const dataDir = resolve(values['data-dir'] ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'vigil-host'));
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const logger = createConsoleLogger('host');
const opener = values['open-with'] ?? (process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open');

const core = createVigilCore({
  clock: systemClock,
  notifier: createStormControlledNotifier(createDesktopNotifier({ logger }), { clock: systemClock, logger }),
  secrets: createEnvSecretStore(process.env),
  store: createConfStore({ cwd: dataDir }),
  dataDir,
  configPath: values.config ? resolve(values.config) : (process.env.VIGIL_CONFIG ?? null),
  env: process.env,
  homeDir: homedir(),
  appRoot: repoRoot,
  logger,
  // The URL already passed the allowlist in the core; hand it to the OS as one argument, no shell.
  openExternal: (url) =>
    new Promise((resolveOpen, reject) => {
      const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
      child.once('error', (error) => reject(new Error(`could not run ${opener}: ${error.message}`)));
      child.once('spawn', () => {
        child.unref();
        resolveOpen();
      });
    }),
});

const server = await startHostServer({ core, rendererDir: join(repoRoot, 'dist', 'renderer'), port: values.port ? Number(values.port) : 0, logger });
await core.start();
const openUrl = `${server.url}?token=${server.token}`;
process.stdout.write(`Vigil is running: open ${openUrl}\n`);
process.stdout.write(`VIGIL_READY ${JSON.stringify({ url: server.url, token: server.token, pid: process.pid })}\n`);

// The last resort, installed once the host runs (a failed start still exits with its error).
// Every request path already turns its own failures into an answer; if a bug still lets an error
// escape, say so loudly and keep paging: a pager that dies silently is worse than one that logs a bug.
const logEscaped = (kind: string) => (error: unknown) =>
  logger.error(`BUG: ${kind}; the host keeps running, please report this`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
process.on('uncaughtException', logEscaped('uncaught exception'));
process.on('unhandledRejection', logEscaped('unhandled promise rejection'));
// Whoever read our output went away (a closed terminal, a pipe into `head`): paging does not need it,
// and each failed write would otherwise come back through the handlers above.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

const shutdown = async () => {
  try {
    await core.stop();
    await server.close();
    process.exit(0);
  } catch (error) {
    logger.error('could not shut down cleanly', { error: String(error) });
    process.exit(1);
  }
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
