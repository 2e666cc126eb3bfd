import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { Clock } from '../../shared/clock.ts';

// Markdown is parsed off the core's thread. micromark's time grows faster than linearly on some
// inputs (10 kB of nested block quotes or list markers takes minutes), and the core's thread is
// the one that polls Alertmanager and rings alarms: a hostile runbook must never stall it. Parses
// run one at a time in a worker with its memory capped; one that overruns the time limit has its
// worker terminated (the next parse starts a fresh one).
//
// The worker is a few lines of source evaluated as CommonJS, importing the parser packages by
// the paths resolved here, so it needs no file of its own next to the bundled main process.

const PACKAGES = ['mdast-util-from-markdown', 'micromark-extension-gfm', 'mdast-util-gfm'] as const;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = Promise.all(workerData.modules.map((url) => import(url)));
loaded.then(() => parentPort.postMessage({ ready: true }), (error) => parentPort.postMessage({ failed: String(error) }));
parentPort.on('message', async ({ id, text }) => {
  try {
    const [{ fromMarkdown }, { gfm }, { gfmFromMarkdown }] = await loaded;
    const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    // Positions are not needed, and nesting beyond what the checklist shows is cut here, so the
    // tree posted back is small and shallow enough to copy (copying is recursive).
    const stack = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop();
      delete node.position;
      if (!Array.isArray(node.children)) continue;
      if (depth >= workerData.maxDepth) { node.children = []; continue; }
      for (const child of node.children) stack.push([child, depth + 1]);
    }
    parentPort.postMessage({ id, tree });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

let modules: string[] | null = null;
function moduleUrls(): string[] {
  const require = createRequire(import.meta.url);
  modules ??= PACKAGES.map((name) => pathToFileURL(require.resolve(name)).href);
  return modules;
}

export interface MarkdownParser {
  /** The mdast tree (micromark + GFM) of `text`, or a rejection saying why not (too slow, too big, crashed). */
  parse(text: string): Promise<Root>;
  dispose(): void;
}

export interface MarkdownParserOptions {
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  timeoutMs: number;
  /** Tree depth kept (the checklist shows less). */
  maxDepth?: number;
}

type Reply = { id: number; tree: Root } | { id: number; error: string };
type Started = { worker: Worker; ready: Promise<void> };

/** Loading the parser is not parsing: a busy machine may take seconds, and that is not the runbook's fault. */
const STARTUP_TIMEOUT_MS = 60_000;

export function createMarkdownParser(options: MarkdownParserOptions): MarkdownParser {
  let worker: Started | null = null;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const stopWorker = () => {
    const current = worker;
    worker = null;
    void current?.worker.terminate();
  };

  const start = (): Started => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modules: moduleUrls(), maxDepth: options.maxDepth ?? 64 },
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    // An idle parser never keeps the process alive.
    started.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = options.clock.setTimeout(() => reject(new Error('the Markdown parser did not start')), STARTUP_TIMEOUT_MS);
      const done = (error: Error | null) => {
        options.clock.clearTimeout(timer);
        started.off('message', onMessage);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (message: { ready?: true; failed?: string }) => {
        if (message.ready) done(null);
        else if (message.failed) done(new Error(`the Markdown parser did not start: ${message.failed}`));
      };
      started.on('message', onMessage);
      started.once('error', (error) => done(error));
      started.once('exit', (code) => done(new Error(`the Markdown parser stopped (exit code ${code})`)));
    });
    return { worker: started, ready };
  };

  const parseOne = async (text: string): Promise<Root> => {
    let started: Started | null = null;
    try {
      started = worker ??= start();
      await started.ready;
    } catch (error) {
      // A worker that failed to start is dropped; the next parse tries a fresh one.
      if (started !== null && worker === started) stopWorker();
      throw new Error(`cannot start the Markdown parser: ${(error as Error).message}`, { cause: error });
    }
    const current = started.worker;
    return new Promise((resolve, reject) => {
      const id = (nextId += 1);
      let settled = false;
      const finish = (error: Error | null, tree?: Root) => {
        if (settled) return;
        settled = true;
        options.clock.clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onFailure);
        current.off('exit', onExit);
        if (error) reject(error);
        else resolve(tree!);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        if ('error' in reply) finish(new Error(`the runbook could not be parsed: ${reply.error}`));
        else finish(null, reply.tree);
      };
      const onFailure = (error: Error) => {
        if (worker === started) worker = null;
        finish(new Error(`the runbook could not be parsed: ${error.message}`));
      };
      const onExit = (code: number) => {
        if (worker === started) worker = null;
        finish(new Error(`the Markdown parser stopped (exit code ${code})`));
      };
      const timer = options.clock.setTimeout(() => {
        if (worker === started) stopWorker();
        finish(new Error(`the runbook is too complex: parsing it took longer than ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      current.on('message', onMessage);
      current.once('error', onFailure);
      current.once('exit', onExit);
      current.postMessage({ id, text });
    });
  };

  return {
    parse(text) {
      // One at a time: a slow parse delays the next rather than starting workers without bound.
      const result = queue.then(() => parseOne(text));
      queue = result.catch(() => undefined);
      return result;
    },
    dispose: stopWorker,
  };
}
