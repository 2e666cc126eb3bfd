import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { electronJsFlagsArgument, MAIN_PROCESS_V8_FLAGS } from './main-process-flags.ts';

// The flags live in one constant, but two launchers cannot import it: npm's `serve` script and
// the Linux packages' desktop entry. This keeps them saying the same.
const repoRoot = join(import.meta.dirname, '..', '..');

describe('main process V8 flags', () => {
  it('npm run serve starts the host with them', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toContain(`node ${MAIN_PROCESS_V8_FLAGS.join(' ')} host/serve.ts`);
  });

  it("the Linux packages' desktop entry starts Electron with them", () => {
    const builder = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as { linux: { executableArgs?: string[] } };
    expect(builder.linux.executableArgs).toContain(electronJsFlagsArgument());
  });
});
