import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { z } from 'zod';

// A private desktop for tests: Xvfb, a D-Bus session bus of its own and the dunst notification
// daemon, so a test sends REAL notifications (node-notifier -> notify-send -> D-Bus -> dunst) and
// reads back what the daemon received. Nothing touches the developer's own desktop session.
//
// Every child runs under coreutils `timeout`, so it dies after `lifetimeMs` even if the test
// process itself is killed with SIGKILL and never gets to clean up.

const run = promisify(execFile);

export interface DesktopSessionOptions {
  /** Hard limit on how long the session's processes live. Default 10 minutes. */
  lifetimeMs?: number;
}

export interface ReceivedNotification {
  summary: string;
  body: string;
  appname: string;
  urgency: 'low' | 'normal' | 'critical' | 'unknown';
}

export interface DesktopSession {
  /** Give these to any process that should talk to this desktop (notify-send reads them from its env). */
  readonly env: { DISPLAY: string; DBUS_SESSION_BUS_ADDRESS: string };
  /** Notifications dunst has seen: displayed + waiting + history. A replaced one (same stack tag) is not counted twice. */
  notificationCount(): Promise<number>;
  /**
   * What dunst received, newest first. dunst lists only closed notifications in its history,
   * so this closes the displayed ones first.
   */
  notificationHistory(): Promise<ReceivedNotification[]>;
  /** Kill the notification daemon (the bus stays up), as when dunst crashes; history is lost with it. */
  stopNotificationDaemon(): Promise<void>;
  /** Start dunst again after stopNotificationDaemon; resolves once it answers on the bus. */
  startNotificationDaemon(): Promise<void>;
  stop(): Promise<void>;
}

const DBUS_CONFIG = (socketPath: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <!-- No <servicedir>: nothing is auto-activated, so only the dunst started here can answer
       org.freedesktop.Notifications (the system's dunst.service would otherwise start a second one). -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

// dunst's history JSON has no urgency field; an urgency-specific format line puts it into the
// rendered "message", which the history does carry. markup = full is what desktop users run,
// so a test sees what a real daemon would interpret.
const DUNST_CONFIG = `[global]
    markup = full
    format = "%s\\n%b"
    stack_duplicates = false
    notification_limit = 0
    history_length = 10000
    idle_threshold = 0
[urgency_low]
    format = "urgency=low\\n%s\\n%b"
[urgency_normal]
    format = "urgency=normal\\n%s\\n%b"
[urgency_critical]
    format = "urgency=critical\\n%s\\n%b"
`;

const variant = <T extends z.ZodType>(data: T) => z.object({ data });
const dunstHistorySchema = z.object({
  data: z.array(
    z.array(
      z.object({
        summary: variant(z.string()),
        body: variant(z.string()),
        appname: variant(z.string()),
        message: variant(z.string()).optional(),
      }),
    ),
  ),
});

export async function startDesktopSession(options: DesktopSessionOptions = {}): Promise<DesktopSession> {
  const lifetimeMs = options.lifetimeMs ?? 10 * 60_000;
  const lifetimeSeconds = Math.max(1, Math.ceil(lifetimeMs / 1000));
  const dir = mkdtempSync(join(tmpdir(), 'vigil-desktop-'));
  const children: ChildProcess[] = [];
  const logs = new Map<string, string>();

  const killAllNow = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killAllNow);

  const startChild = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv, io: { readsStdout: boolean; extraFd?: boolean }): ChildProcess => {
    const child = spawn('timeout', ['--kill-after=2s', `${lifetimeSeconds}s`, command, ...args], {
      env,
      stdio: io.extraFd ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    });
    // Drain what nobody reads, so a chatty child never blocks on a full pipe.
    if (!io.readsStdout) child.stdout?.resume();
    children.push(child);
    logs.set(name, '');
    const keepLog = (chunk: Buffer) => logs.set(name, `${logs.get(name) ?? ''}${chunk.toString()}`.slice(-4000));
    child.stderr?.on('data', keepLog);
    return child;
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(lifetimeTimer);
    process.removeListener('exit', killAllNow);
    // Newest first: dunst, then the bus, then the X server it draws on.
    for (const child of [...children].reverse()) await terminate(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const lifetimeTimer = setTimeout(() => void stop(), lifetimeMs);
  lifetimeTimer.unref();

  const baseEnv = { ...process.env };
  delete baseEnv.WAYLAND_DISPLAY;

  try {
    // -displayfd makes Xvfb pick a free display itself and report it: no race with another test.
    const xvfb = startChild('Xvfb', 'Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], baseEnv, { readsStdout: false, extraFd: true });
    const displayNumber = await firstLine(xvfb.stdio[3] as Readable, xvfb, 'Xvfb', () => logs.get('Xvfb') ?? '');
    const DISPLAY = `:${displayNumber.trim()}`;

    const dbusConfigFile = join(dir, 'session.conf');
    writeFileSync(dbusConfigFile, DBUS_CONFIG(join(dir, 'bus')));
    const dbus = startChild('dbus-daemon', 'dbus-daemon', [`--config-file=${dbusConfigFile}`, '--nofork', '--nopidfile', '--print-address=1'], baseEnv, { readsStdout: true });
    const DBUS_SESSION_BUS_ADDRESS = (await firstLine(dbus.stdout as Readable, dbus, 'dbus-daemon', () => logs.get('dbus-daemon') ?? '')).trim();

    const env = { DISPLAY, DBUS_SESSION_BUS_ADDRESS };
    const sessionEnv = { ...baseEnv, ...env };
    const dunstConfigFile = join(dir, 'dunstrc');
    writeFileSync(dunstConfigFile, DUNST_CONFIG);
    const dunstctl = async (...args: string[]) => (await run('dunstctl', args, { env: sessionEnv, timeout: 10_000 })).stdout;
    let dunst: ChildProcess | null = null;
    const startDunst = async () => {
      const child = startChild('dunst', 'dunst', ['-config', dunstConfigFile], sessionEnv, { readsStdout: false });
      dunst = child;
      await waitFor(async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dunst exited: ${logs.get('dunst')}`);
        await dunstctl('count');
      }, 15_000);
    };
    await startDunst();

    return {
      env,
      async notificationCount() {
        const out = await dunstctl('count');
        const numbers = ['Waiting', 'Currently displayed', 'History'].map((label) => out.match(new RegExp(`${label}:\\s*(\\d+)`))?.[1]);
        if (numbers.some((n) => n === undefined)) throw new Error(`unexpected dunstctl count output: ${out}`);
        return numbers.reduce((sum, n) => sum + Number(n), 0);
      },
      async notificationHistory() {
        await dunstctl('close-all');
        const parsed = dunstHistorySchema.parse(JSON.parse(await dunstctl('history')));
        return (parsed.data[0] ?? []).map((entry) => ({
          summary: entry.summary.data,
          body: entry.body.data,
          appname: entry.appname.data,
          urgency: urgencyFromMessage(entry.message?.data ?? ''),
        }));
      },
      async stopNotificationDaemon() {
        if (dunst) await terminate(dunst);
        dunst = null;
      },
      async startNotificationDaemon() {
        if (dunst) throw new Error('dunst is already running');
        await startDunst();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function urgencyFromMessage(message: string): ReceivedNotification['urgency'] {
  const match = /^urgency=(low|normal|critical)\n/.exec(message);
  return (match?.[1] as ReceivedNotification['urgency'] | undefined) ?? 'unknown';
}

function firstLine(stream: Readable, child: ChildProcess, name: string, log: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 15 s: ${log()}`)), 15_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        cleanup();
        // Keep draining so the child never blocks on a full pipe.
        stream.resume();
        resolve(buffered.slice(0, newline));
      }
    };
    const onExit = () => fail(new Error(`${name} exited before it was ready: ${log()}`));
    const onError = (error: Error) => fail(new Error(`${name} could not be started: ${error.message}`));
    const cleanup = () => {
      clearTimeout(timer);
      stream.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitFor(probe: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.startsWith('dunst exited')) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dunst did not take org.freedesktop.Notifications: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // `timeout` passes SIGTERM on to the program it runs.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
