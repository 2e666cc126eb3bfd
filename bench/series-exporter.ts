import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A scrape target exposing `count` series of one gauge, all above zero, so one alert rule
// (`bench_metric > 0`) fires `count` alerts in a real Prometheus.

export const SERIES_METRIC = 'bench_metric';

export interface SeriesExporter {
  /** host:port for Prometheus. */
  target: string;
  stop(): Promise<void>;
}

export async function startSeriesExporter(count: number): Promise<SeriesExporter> {
  const lines = [`# TYPE ${SERIES_METRIC} gauge`];
  for (let i = 0; i < count; i++) lines.push(`${SERIES_METRIC}{series="s${String(i).padStart(5, '0')}"} 1`);
  const body = `${lines.join('\n')}\n`;
  const server = http.createServer((request, response) => {
    if ((request.url ?? '/').split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  return {
    target: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
