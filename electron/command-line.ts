// Launch options from the command line and environment. Kept pure so the composition root
// (main.ts) holds no parsing logic and the precedence rules are unit-tested.

export interface LaunchOptions {
  /** `--config FILE` / `--config=FILE` wins over VIGIL_CONFIG; null lets the core look for defaults (or run the demo). */
  configPath: string | null;
  /**
   * `--user-data-dir=DIR`: applied with app.setPath('userData') before anything reads it, so a test
   * or a second profile gets its own stores and its own single-instance lock.
   */
  userDataDir: string | null;
  /** VIGIL_E2E=1 exposes a read-only test hook on globalThis in the main process. */
  e2e: boolean;
}

function flagValue(argv: readonly string[], flag: string): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === flag) {
      const next = argv[i + 1];
      // A following flag is not a value: `--config --foo` means the value is missing.
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value (e.g. ${flag} /path/to/vigil.yaml)`);
      return next;
    }
    if (arg.startsWith(`${flag}=`)) {
      const value = arg.slice(flag.length + 1);
      if (value.length === 0) throw new Error(`${flag}= needs a value`);
      return value;
    }
  }
  return null;
}

export function parseLaunchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchOptions {
  const fromEnv = env.VIGIL_CONFIG?.trim();
  return {
    configPath: flagValue(argv, '--config') ?? (fromEnv ? fromEnv : null),
    userDataDir: flagValue(argv, '--user-data-dir'),
    e2e: env.VIGIL_E2E === '1',
  };
}
