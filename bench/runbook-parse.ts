import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownParser } from '../core/runbooks/markdown-worker.ts';
import { systemClock } from '../core/runtime/system-clock.ts';
import { cutForParsing, parseRunbookMarkdown, runbookFromTree } from '../shared/runbooks/runbook-checklist.ts';
import { fmt, timeRuns } from './stats.ts';

// `node bench/runbook-parse.ts`: what turning a runbook into a checklist costs. In this thread
// (the parser alone) and through the core's worker (what getRunbook pays once per version of a
// runbook; the core's own thread only receives the tree). Not a test: nothing here is asserted.

const examples = join(import.meta.dirname, '..', 'examples', 'runbooks');
const playbook = readFileSync(join(examples, 'HighApiErrorRate.md'), 'utf8');
const twoMb = playbook.repeat(Math.ceil(2_000_000 / playbook.length));
const deep = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 3)}1. level ${i}`).join('\n');
const cases: Array<[string, string]> = [
  ['HighApiErrorRate.md (playbook)', playbook],
  ['2 MB runbook (first 64 KiB parsed)', twoMb],
  ['ordered list nested 200 deep', deep],
];

const lines = ['| runbook | characters | in-thread parse (median of 5, CPU ms) | through the worker (median of 5, wall ms) | checklist JSON |', '| --- | --- | --- | --- | --- |'];
const parser = createMarkdownParser({ clock: systemClock, timeoutMs: 60_000 });
await parser.parse('# warm-up\n'); // the worker's start and module load are not a parse
for (const [name, text] of cases) {
  const inThread = await timeRuns(5, () => parseRunbookMarkdown(text));
  const worker = await timeRuns(5, async () => runbookFromTree(await parser.parse(cutForParsing(text).text)));
  const size = JSON.stringify(parseRunbookMarkdown(text)).length;
  lines.push(`| ${name} | ${text.length.toLocaleString('en-US')} | ${fmt(inThread.cpuMs.median)} | ${fmt(worker.wallMs.median)} | ${(size / 1024).toFixed(0)} KiB |`);
}
const pathological = await timeRuns(1, () => createMarkdownParser({ clock: systemClock, timeoutMs: 2_000 }).parse('>'.repeat(20_000)).catch((error: Error) => error.message));
lines.push('', `20,000 nested block quotes (minutes for micromark) give up at the worker's limit (2 s here): ${fmt(pathological.wallMs.median, 0)} ms wall.`);
parser.dispose();
process.stdout.write(`${lines.join('\n')}\n`);
