import { createHash } from 'node:crypto';
import nodeNotifier from 'node-notifier';
import type { Clock } from '../../shared/clock.ts';
import { sanitizeNotification } from '../../shared/notification-text.ts';
import type { Logger, NotificationRequest, Notifier } from '../ports.ts';
import { ACK_ACTION_LABEL, interpretNotifierResponse } from './notifier-response.ts';

// Native notifications through node-notifier: notify-send on Linux/BSD, terminal-notifier on
// macOS, SnoreToast on Windows. A notification is a courtesy on top of the in-app alarm, never
// the alarm itself (do-not-disturb drops it), so show() never throws: it reports
// {shown:false, error} and the core journals that and keeps ringing.
//
// Environment: node-notifier starts notify-send with this process's environment, so DISPLAY and
// DBUS_SESSION_BUS_ADDRESS must be set on process.env (tests copy a desktop-session fixture's
// env there). Actions: notify-send through node-notifier has no way to report a button press,
// so on Linux there is no Acknowledge button; the tray menu and the alarm window carry the ack.

type NotifyCallback = (error: Error | string | null | undefined, response?: unknown, metadata?: unknown) => void;

/** The part of a node-notifier instance used here; tests may inject a recording fake. */
export interface NodeNotifierLike {
  notify(options: Record<string, unknown>, callback?: NotifyCallback): unknown;
}

export interface DesktopNotifierOptions {
  notifier?: NodeNotifierLike;
  platform?: NodeJS.Platform;
  appName?: string;
  logger?: Logger;
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Give up on a notification helper that has not answered (a hung D-Bus). Default 10 s. */
  showTimeoutMs?: number;
  /**
   * macOS/Windows answer only when the user acts, so a notification counts as shown if no
   * error arrived within this grace period. Default 1.5 s.
   */
  acceptGraceMs?: number;
}

const SYSTEM_TIMERS: Pick<Clock, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const NOTIFY_SEND_PLATFORMS: ReadonlySet<NodeJS.Platform> = new Set(['linux', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix']);

/** A stable, opaque tag per incident: a re-alarm replaces the previous notification instead of stacking. */
export function notificationTag(incidentKey: string): string {
  return `vigil-${createHash('sha256').update(incidentKey).digest('hex').slice(0, 24)}`;
}

export function createDesktopNotifier(options: DesktopNotifierOptions = {}): Notifier {
  const notifier = options.notifier ?? (nodeNotifier as unknown as NodeNotifierLike);
  const platform = options.platform ?? process.platform;
  const appName = options.appName ?? 'Vigil';
  const timers = options.clock ?? SYSTEM_TIMERS;
  const showTimeoutMs = options.showTimeoutMs ?? 10_000;
  const acceptGraceMs = options.acceptGraceMs ?? 1_500;
  const usesNotifySend = NOTIFY_SEND_PLATFORMS.has(platform);
  const listeners = new Set<(incidentKey: string, action: 'acknowledge' | 'clicked') => void>();

  const emit = (incidentKey: string, action: 'acknowledge' | 'clicked') => {
    for (const listener of [...listeners]) {
      try {
        listener(incidentKey, action);
      } catch (error) {
        options.logger?.error('notification action listener failed', { error: (error as Error).message });
      }
    }
  };

  return {
    show(request) {
      // Pango markup is interpreted in the body by Linux daemons only; elsewhere "&lt;" would show as such.
      const text = sanitizeNotification({ title: request.title, body: request.body }, usesNotifySend);
      const notification = usesNotifySend ? notifySendOptions(request, text, appName) : actionOptions(request, text, appName, platform);
      const waitsForUser = !usesNotifySend;

      return new Promise((resolve) => {
        let settled = false;
        const settle = (result: { shown: boolean; error: string | null }) => {
          if (settled) return;
          settled = true;
          timers.clearTimeout(timeoutTimer);
          if (graceTimer !== null) timers.clearTimeout(graceTimer);
          if (!result.shown) options.logger?.warn('notification not shown', { incidentKey: request.incidentKey, error: result.error });
          resolve(result);
        };
        const timeoutTimer = timers.setTimeout(() => settle({ shown: false, error: `no answer from the notification helper within ${showTimeoutMs} ms` }), showTimeoutMs);
        const graceTimer = waitsForUser ? timers.setTimeout(() => settle({ shown: true, error: null }), acceptGraceMs) : null;

        const callback: NotifyCallback = (error, response, metadata) => {
          if (error instanceof Error) {
            settle({ shown: false, error: error.message });
            return;
          }
          if (typeof error === 'string' && error.trim() !== '') {
            // notify-send printed to stderr but exited 0: the daemon took it; keep the warning.
            options.logger?.warn('notification helper warning', { incidentKey: request.incidentKey, stderr: error.trim().slice(0, 500) });
          }
          settle({ shown: true, error: null });
          const answer = interpretNotifierResponse(response, metadata);
          if (answer === 'acknowledge' || answer === 'clicked') emit(request.incidentKey, answer);
          else if (answer !== null) options.logger?.info('notification closed', { incidentKey: request.incidentKey, how: answer });
        };

        try {
          notifier.notify(notification, callback);
        } catch (error) {
          settle({ shown: false, error: (error as Error).message });
        }
      });
    },
    onAction(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** notify-send parses a leading "-" as an option (and fails): a leading space keeps it text. */
function asArgument(text: string, fallback: string): string {
  const value = text === '' ? fallback : text;
  return value.startsWith('-') ? ` ${value}` : value;
}

function notifySendOptions(request: NotificationRequest, text: { title: string; body: string }, appName: string): Record<string, unknown> {
  return {
    title: asArgument(text.title, appName),
    message: asArgument(text.body, ' '),
    urgency: request.urgency,
    'app-name': appName,
    // Daemons (dunst, notify-osd, xfce4-notifyd) replace a notification carrying the same tag.
    hint: `string:x-canonical-private-synchronous:${notificationTag(request.incidentKey)}`,
    // node-notifier takes seconds; 0 keeps a critical page on screen until dismissed.
    timeout: request.urgency === 'critical' ? 0 : 10,
  };
}

function actionOptions(request: NotificationRequest, text: { title: string; body: string }, appName: string, platform: NodeJS.Platform): Record<string, unknown> {
  const tag = notificationTag(request.incidentKey);
  return {
    title: text.title === '' ? appName : text.title,
    message: text.body === '' ? ' ' : text.body,
    wait: true,
    timeout: request.urgency === 'critical' ? 3600 : 30,
    ...(request.ackAction ? { actions: [ACK_ACTION_LABEL] } : {}),
    ...(platform === 'darwin' ? { group: tag } : { appID: appName, id: Number.parseInt(tag.slice(-8), 16) }),
  };
}
