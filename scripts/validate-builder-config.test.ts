import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// electron-builder.yml is checked against the JSON schema electron-builder itself ships (and
// validates with at build time), so a typo fails here in CI instead of at packaging time on a
// release machine. Plus the project's own rules the schema cannot express: the hardened fuses.

const require = createRequire(import.meta.url);
// app-builder-lib is electron-builder's engine; resolve it from electron-builder so the schema is
// the one of the electron-builder version actually installed.
const appBuilderLib = path.dirname(require.resolve('app-builder-lib/package.json', { paths: [path.dirname(require.resolve('electron-builder/package.json'))] }));
const schema = JSON.parse(readFileSync(path.join(appBuilderLib, 'scheme.json'), 'utf8')) as Record<string, unknown>;
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; name: string };

// strict: false because the schema uses descriptive keywords ajv does not know; no type coercion,
// so "true" where a boolean belongs is an error here even though electron-builder would coerce it.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function errorsOf(candidate: unknown): string[] {
  if (validate(candidate)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('fails validation for an unknown top-level key (the check can fail)', () => {
    const errors = errorsOf({ ...config, notAnOption: true });
    expect(errors.some((e) => e.includes('additionalProperty') && e.includes('notAnOption'))).toBe(true);
  });

  it('fails validation for a misspelt nested option and a wrongly typed fuse', () => {
    expect(errorsOf({ ...config, linux: { ...(config.linux as object), categroy: 'Utility' } }).some((e) => e.includes('categroy'))).toBe(true);
    expect(errorsOf({ ...config, electronFuses: { ...(config.electronFuses as object), runAsNode: 'no' } }).some((e) => e.startsWith('/electronFuses/runAsNode'))).toBe(true);
  });

  it('ships a hardened binary', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect((config.mac as { hardenedRuntime?: boolean }).hardenedRuntime).toBe(true);
  });

  it('packages the files the app loads at run time', () => {
    expect(config.appId).toBe('dev.vigil.app');
    expect(config.productName).toBe('Vigil');
    const files = config.files as string[];
    // examples/ holds the rotation the core's demo mode reads from the app directory.
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'examples/**']));
    expect(existsSync('examples/rotation.playbook.yaml')).toBe(true);
    // package.json's main, the preload and the renderer all live under dist/.
    expect(packageJson.main.startsWith('dist/')).toBe(true);
    expect((config.directories as { output?: string }).output).toBe('release');
  });
});
