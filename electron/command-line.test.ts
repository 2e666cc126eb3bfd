import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from './command-line.ts';

describe('parseLaunchOptions', () => {
  it('reads --config FILE and --config=FILE', () => {
    expect(parseLaunchOptions(['electron', '.', '--config', '/a/vigil.yaml'], {}).configPath).toBe('/a/vigil.yaml');
    expect(parseLaunchOptions(['vigil', '--config=/b/vigil.yaml'], {}).configPath).toBe('/b/vigil.yaml');
  });

  it('prefers the command line over VIGIL_CONFIG, and falls back to it', () => {
    expect(parseLaunchOptions(['vigil', '--config', 'cli.yaml'], { VIGIL_CONFIG: 'env.yaml' }).configPath).toBe('cli.yaml');
    expect(parseLaunchOptions(['vigil'], { VIGIL_CONFIG: ' env.yaml ' }).configPath).toBe('env.yaml');
    expect(parseLaunchOptions(['vigil'], { VIGIL_CONFIG: '' }).configPath).toBeNull();
  });

  it('rejects a flag without a value instead of guessing', () => {
    expect(() => parseLaunchOptions(['vigil', '--config'], {})).toThrow('--config needs a value');
    expect(() => parseLaunchOptions(['vigil', '--config', '--user-data-dir=/x'], {})).toThrow('--config needs a value');
    expect(() => parseLaunchOptions(['vigil', '--config='], {})).toThrow('--config= needs a value');
  });

  it('reads the user-data dir and the e2e switch', () => {
    const options = parseLaunchOptions(['vigil', '--user-data-dir=/tmp/profile'], { VIGIL_E2E: '1' });
    expect(options).toEqual({ configPath: null, userDataDir: '/tmp/profile', e2e: true });
    expect(parseLaunchOptions(['vigil'], { VIGIL_E2E: 'true' }).e2e).toBe(false);
  });
});
