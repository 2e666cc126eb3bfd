import type { Logger } from '../ports.ts';

/** One JSON line per message on stderr: stdout stays free for the host's readiness line. */
export function createConsoleLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const log = (level: string) => (message: string, data?: Record<string, unknown>) => write(JSON.stringify({ t: new Date().toISOString(), level, scope, message, ...data }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
