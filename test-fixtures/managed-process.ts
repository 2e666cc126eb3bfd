import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

// Test servers (Alertmanager, Prometheus) must never outlive the test run, even when the test
// process is killed hard. Each is started under coreutils `timeout`, which kills it after its
// lifetime on its own; the parent also stops it on normal exit and when its lifetime timer fires.

const TIMEOUT_BIN = '/usr/bin/timeout';
const STDERR_TAIL_BYTES = 4096;

export interface ManagedProcess {
  readonly pid: number;
  /** Last few KB of the server's stderr (it logs there), for error messages. */
  stderrTail(): string;
  hasExited(): boolean;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after a grace period; removes `cleanupDirs`. Idempotent. */
  stop(): Promise<void>;
  /**
   * Sends `signal` (SIGTERM falls back to SIGKILL after `graceMs`) and waits for the exit, keeping
   * `cleanupDirs`: for a restart that reuses them. The directories stay registered for removal
   * at exit of the test process.
   */
  kill(signal: 'SIGKILL' | 'SIGTERM', graceMs?: number): Promise<void>;
}

export interface SpawnManagedOptions {
  lifetimeMs: number;
  /** Directories owned by this server (storage, config), removed after it stopped. */
  cleanupDirs?: string[];
}

/** Process groups still running (removed on exit, so a reused pid is never signalled). */
const live = new Set<number>();
/** Server directories not yet removed. */
const leftoverDirs = new Set<string>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the process group the child leads (it was spawned detached), i.e. `timeout`
    // and the server below it, and nothing else.
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    // Only synchronous work is possible here.
    for (const pid of live) killGroup(pid, 'SIGKILL');
    for (const dir of leftoverDirs) rmSync(dir, { recursive: true, force: true });
  });
}

export function spawnManaged(command: string, args: string[], options: SpawnManagedOptions): ManagedProcess {
  installExitHook();
  const lifetimeSeconds = Math.max(1, Math.ceil(options.lifetimeMs / 1000));
  const child: ChildProcess = spawn(TIMEOUT_BIN, ['--kill-after=5', `${lifetimeSeconds}s`, command, ...args], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  live.add(pid);
  for (const dir of options.cleanupDirs ?? []) leftoverDirs.add(dir);

  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  // Neither the child nor its pipe may keep a test runner's event loop alive.
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  let exitedFlag = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitedFlag = true;
      live.delete(pid);
      resolve(code);
    });
    child.once('error', () => {
      exitedFlag = true;
      live.delete(pid);
      resolve(null);
    });
  });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearTimeout(lifetimeTimer);
      if (!exitedFlag) {
        killGroup(pid, 'SIGTERM');
        // A referenced timer: it also keeps the event loop alive until the unref'd child has exited.
        let grace: NodeJS.Timeout | undefined;
        const graceful = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(false), 1000)))]);
        clearTimeout(grace);
        if (!graceful) {
          killGroup(pid, 'SIGKILL');
          const keepAlive = setInterval(() => undefined, 1000);
          await exited;
          clearInterval(keepAlive);
        }
      }
      await Promise.all(
        (options.cleanupDirs ?? []).map(async (dir) => {
          await rm(dir, { recursive: true, force: true });
          leftoverDirs.delete(dir);
        }),
      );
    })();
    return stopping;
  };
  const lifetimeTimer = setTimeout(() => void stop(), options.lifetimeMs);
  lifetimeTimer.unref();

  const kill = async (signal: 'SIGKILL' | 'SIGTERM', graceMs = 5000): Promise<void> => {
    // Its directories now outlive it: its lifetime timer must not remove them under a successor.
    clearTimeout(lifetimeTimer);
    if (exitedFlag) return;
    killGroup(pid, signal);
    const escalate = signal === 'SIGTERM' ? setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs) : undefined;
    await exited;
    clearTimeout(escalate);
  };

  return { pid, stderrTail: () => tail, hasExited: () => exitedFlag, exited, stop, kill };
}

function getStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Poll `readyUrl` until it answers 200; fail early if the process died, or after `timeoutMs`. */
export async function waitUntilReady(readyUrl: string, server: ManagedProcess, name: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`${name} exited before becoming ready. stderr tail:\n${server.stderrTail()}`);
    if ((await getStatus(readyUrl, 1000)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not become ready at ${readyUrl} within ${timeoutMs} ms. stderr tail:\n${server.stderrTail()}`);
}

/** Poll an async condition until it holds; for state that settles without an event to await. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}
