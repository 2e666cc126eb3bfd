import { timingSafeEqual } from 'node:crypto';

// The headless host listens on loopback, but any web page the user visits can still send requests
// to 127.0.0.1, and a DNS-rebinding page can even make them same-origin. So every API call must
// carry the per-run secret token, name our exact host:port, and (when a browser says where it
// comes from) come from our own origin.

export interface GuardConfig {
  port: number;
  token: string;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase());
}

export function checkOrigin(originHeader: string | undefined, port: number, required: boolean): boolean {
  if (originHeader === undefined) return !required;
  return allowedHosts(port).some((h) => originHeader.toLowerCase() === `http://${h}`);
}

export function checkToken(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization ?? '');
  return match?.[1] ?? null;
}
