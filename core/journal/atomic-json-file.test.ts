import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStateFile } from './atomic-json-file.ts';

const ackSilencesSchema = z
  .object({
    version: z.literal(1),
    silences: z.array(z.object({ incidentKey: z.string().min(1), silenceId: z.string().min(1), sourceId: z.string() }).strict()),
  })
  .strict();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('atomic JSON state file', () => {
  it('reports a missing file, then reads back what it wrote', () => {
    const file = openStateFile(join(dir, 'nested', 'ack-silences.json'), ackSilencesSchema);
    expect(file.read()).toEqual({ status: 'missing' });
    const value = { version: 1 as const, silences: [{ incidentKey: 'HighApiErrorRate|prod', silenceId: 'abc', sourceId: 'prod' }] };
    file.write(value);
    expect(file.read()).toEqual({ status: 'ok', value });
    file.write({ version: 1, silences: [] });
    expect(file.readOr({ version: 1, silences: [{ incidentKey: 'x', silenceId: 'y', sourceId: 'z' }] })).toEqual({ version: 1, silences: [] });
    // No temporary files are left behind by successful writes.
    expect(readdirSync(join(dir, 'nested'))).toEqual(['ack-silences.json']);
  });

  it('refuses to write an invalid value and keeps the previous state', () => {
    const path = join(dir, 'ack-silences.json');
    const file = openStateFile(path, ackSilencesSchema);
    file.write({ version: 1, silences: [] });
    const before = readFileSync(path, 'utf8');
    expect(() => file.write({ version: 1, silences: [{ incidentKey: '', silenceId: 'a', sourceId: 'b' }] })).toThrow(/silences\.0\.incidentKey/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['ack-silences.json']);
  });

  it('moves a corrupt or schema-breaking file aside instead of losing it', () => {
    const path = join(dir, 'ack-silences.json');
    const file = openStateFile(path, ackSilencesSchema, { now: () => 42 });
    writeFileSync(path, '{"version":1,"silences":[');
    const broken = file.read();
    expect(broken).toMatchObject({ status: 'invalid', setAsideTo: `${path}.corrupt-42` });
    expect(broken.status === 'invalid' && broken.error).toMatch(/not JSON/);
    expect(readFileSync(`${path}.corrupt-42`, 'utf8')).toBe('{"version":1,"silences":[');
    expect(file.read()).toEqual({ status: 'missing' });

    writeFileSync(path, JSON.stringify({ version: 2, silences: [] }));
    const wrongVersion = file.read();
    expect(wrongVersion).toMatchObject({ status: 'invalid', setAsideTo: `${path}.corrupt-42-1` });
    expect(wrongVersion.status === 'invalid' && wrongVersion.error).toMatch(/version/);
    expect(file.readOr({ version: 1, silences: [] })).toEqual({ version: 1, silences: [] });
  });
});
