// V8 flags for the process that runs the core (Electron's main process, the headless host).
// It reads every poll's answer as it streams: chunks, decoded text and item strings that live for
// one poll. V8's default young generation (up to 64 MB on this machine) lets them pile up before a
// scavenge, and the space is not given back: at 10k alerts the host's RSS was 346 MB with the
// default and 177 MB with 1 MB semi-spaces, with no more CPU per poll (docs/benchmarks.md). V8
// reads these only when it starts, so every launcher passes them: the headless host's launchers
// on its command line, Electron through --js-flags (the dev launcher, and the Linux packages'
// desktop entry through electron-builder's executableArgs).
export const MAIN_PROCESS_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/** The same flags as Electron takes them for its main process. */
export function electronJsFlagsArgument(): string {
  return `--js-flags=${MAIN_PROCESS_V8_FLAGS.join(' ')}`;
}
