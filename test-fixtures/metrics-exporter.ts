import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScrapeTarget } from './start-prometheus.ts';

// A fake GremlinsAI backend for Prometheus to scrape, so a test can make the seed rules fire and
// resolve for real. Counters grow with wall time (like real traffic), so rate() sees the set error
// fraction; /weaviate/metrics fails while Weaviate is "down", which makes up{job="weaviate"} 0.

const REQUESTS_PER_SECOND = 50;
const LLM_CALLS_PER_SECOND = 10;
const LATENCY_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60];
const PROVIDER = 'ollama';

export interface MetricsExporter {
  /** host:port for Prometheus. */
  target: string;
  /** The two jobs the seed rules expect: the backend and Weaviate. */
  scrapeTargets: ScrapeTarget[];
  /** Fraction (0..1) of API requests that fail from now on. */
  setErrorRate(fraction: number): void;
  setWeaviateUp(up: boolean): void;
  setLlmLatencySeconds(seconds: number): void;
  stop(): Promise<void>;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

export async function startMetricsExporter(): Promise<MetricsExporter> {
  let errorRate = 0;
  let weaviateUp = true;
  let latency = 0.2;
  let requests = 0;
  let errors = 0;
  let llmCount = 0;
  let llmSum = 0;
  const bucketCounts = new Map<string, number>([...LATENCY_BUCKETS.map((le) => [String(le), 0] as [string, number]), ['+Inf', 0]]);
  let last = Date.now();

  // Accrue traffic since the last update at the rates in force during that time.
  function accrue(): void {
    const now = Date.now();
    const seconds = Math.max(0, (now - last) / 1000);
    last = now;
    const added = REQUESTS_PER_SECOND * seconds;
    requests += added;
    errors += added * errorRate;
    const calls = LLM_CALLS_PER_SECOND * seconds;
    llmCount += calls;
    llmSum += calls * latency;
    for (const [le, count] of bucketCounts) {
      if (le === '+Inf' || latency <= Number(le)) bucketCounts.set(le, count + calls);
    }
  }

  function backendMetrics(): string {
    accrue();
    const lines = [
      '# HELP gremlinsai_api_requests_total API requests served.',
      '# TYPE gremlinsai_api_requests_total counter',
      `gremlinsai_api_requests_total ${format(requests)}`,
      '# HELP gremlinsai_api_errors_total API requests answered with a 5xx.',
      '# TYPE gremlinsai_api_errors_total counter',
      `gremlinsai_api_errors_total ${format(errors)}`,
      '# HELP gremlinsai_llm_response_duration_seconds LLM response time.',
      '# TYPE gremlinsai_llm_response_duration_seconds histogram',
      ...[...bucketCounts].map(([le, count]) => `gremlinsai_llm_response_duration_seconds_bucket{provider="${PROVIDER}",le="${le}"} ${format(count)}`),
      `gremlinsai_llm_response_duration_seconds_sum{provider="${PROVIDER}"} ${format(llmSum)}`,
      `gremlinsai_llm_response_duration_seconds_count{provider="${PROVIDER}"} ${format(llmCount)}`,
    ];
    return `${lines.join('\n')}\n`;
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(backendMetrics());
    } else if (path === '/weaviate/metrics') {
      if (weaviateUp) {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        response.end('# TYPE weaviate_up gauge\nweaviate_up 1\n');
      } else {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('weaviate unavailable\n');
      }
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const target = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    target,
    scrapeTargets: [
      { job: 'gremlinsai-backend', target, metricsPath: '/metrics' },
      { job: 'weaviate', target, metricsPath: '/weaviate/metrics' },
    ],
    setErrorRate(fraction: number) {
      if (!(fraction >= 0 && fraction <= 1)) throw new Error(`error rate must be within 0..1, got ${fraction}`);
      accrue();
      errorRate = fraction;
    },
    setWeaviateUp(up: boolean) {
      weaviateUp = up;
    },
    setLlmLatencySeconds(seconds: number) {
      if (!(seconds >= 0)) throw new Error(`latency must be >= 0, got ${seconds}`);
      accrue();
      latency = seconds;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
