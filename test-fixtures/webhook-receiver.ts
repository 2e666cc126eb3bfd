import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Alertmanager's own pager, seen from the receiving end: a webhook receiver on loopback that
// records every notification Alertmanager delivers and when it arrived. The benchmark compares
// Vigil's alarm time with this; tests can check what a route really sends.

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface WebhookAlert {
  status: string;
  labels: Record<string, string>;
}

export interface WebhookDelivery {
  /** Date.now() when the whole body had arrived. */
  at: number;
  receiver: string;
  status: string;
  alerts: WebhookAlert[];
}

export interface WebhookReceiver {
  /** The URL to put in a webhook_configs entry. */
  url: string;
  /** Every valid delivery, oldest first. */
  deliveries: WebhookDelivery[];
  /** Bodies that were not a webhook payload (counted, never thrown). */
  rejected(): number;
  /** When the first delivery carrying a firing alert with this label value arrived; null if none yet. */
  firstArrival(label: string, value: string): number | null;
  stop(): Promise<void>;
}

function stringRecord(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (!entries.every(([, item]) => typeof item === 'string')) return null;
  // fromEntries defines own properties: a label named __proto__ stays a label, not a prototype.
  return Object.fromEntries(entries) as Record<string, string>;
}

/** The parts of Alertmanager's webhook payload (version 4) we keep; null when the body is not one. */
export function parseWebhookPayload(body: unknown, at: number): WebhookDelivery | null {
  if (typeof body !== 'object' || body === null) return null;
  const { receiver, status, alerts } = body as { receiver?: unknown; status?: unknown; alerts?: unknown };
  if (typeof receiver !== 'string' || typeof status !== 'string' || !Array.isArray(alerts)) return null;
  const parsed: WebhookAlert[] = [];
  for (const alert of alerts as unknown[]) {
    const fields = typeof alert === 'object' && alert !== null ? (alert as { status?: unknown; labels?: unknown }) : {};
    const labels = stringRecord(fields.labels);
    if (typeof fields.status !== 'string' || labels === null) return null;
    parsed.push({ status: fields.status, labels });
  }
  return { at, receiver, status, alerts: parsed };
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookDelivery[] = [];
  let rejected = 0;
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        rejected += 1;
        response.writeHead(413).end();
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const at = Date.now();
      let delivery: WebhookDelivery | null;
      try {
        delivery = parseWebhookPayload(JSON.parse(Buffer.concat(chunks).toString('utf8')), at);
      } catch {
        delivery = null;
      }
      if (delivery) deliveries.push(delivery);
      else rejected += 1;
      response.writeHead(delivery ? 200 : 400).end();
    });
    request.on('error', () => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    deliveries,
    rejected: () => rejected,
    firstArrival(label, value) {
      const hit = deliveries.find((d) => d.alerts.some((a) => a.status === 'firing' && Object.hasOwn(a.labels, label) && a.labels[label] === value));
      return hit?.at ?? null;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
