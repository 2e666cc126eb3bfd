import Conf from 'conf';
import type { KeyValueStore } from '../ports.ts';
import { restrictToOwner, STORE_FILE_MODE } from './owner-only-file.ts';

// The headless host's settings/state store. It is `conf`, the engine under electron-store,
// opened with the options the Electron app uses (electron/electron-kv-store.ts), so the file the
// headless host writes has the same name and shape as the app's.

export interface ConfStoreOptions {
  /** Directory holding the file (the app's userData in Electron; the host's --data-dir). */
  cwd: string;
  /** File name without `.json`; electron-store calls this `name`. Default 'vigil-state', as in the app. */
  name?: string;
}

export const DEFAULT_STORE_NAME = 'vigil-state';

// conf keeps its own bookkeeping under this key and refuses writes to it.
const RESERVED_KEY = '__internal__';

export function createConfStore(options: ConfStoreOptions): KeyValueStore & { readonly path: string } {
  const conf = new Conf<Record<string, unknown>>({
    // conf insists on a projectName or a cwd; both are given so the store never falls back to
    // an OS default directory that tests or a second instance would share by accident.
    projectName: 'vigil',
    cwd: options.cwd,
    configName: options.name ?? DEFAULT_STORE_NAME,
    // Keys are opaque (incident keys and source ids contain dots): "a.b" must not become {a: {b}}.
    accessPropertiesByDotNotation: false,
    // A corrupt file is an error to report, never a reason to wipe the user's state.
    clearInvalidConfig: false,
    // Owner-only, as the app's store (electron-kv-store.ts): settings, acks and secret refs are nobody else's business.
    configFileMode: STORE_FILE_MODE,
  });
  restrictToOwner(conf.path);
  const checkKey = (key: string) => {
    if (typeof key !== 'string' || key.length === 0 || key.length > 1024) throw new Error(`invalid store key ${JSON.stringify(key)}`);
    if (key === RESERVED_KEY) throw new Error(`store key "${RESERVED_KEY}" is reserved`);
  };
  return {
    path: conf.path,
    get(key) {
      checkKey(key);
      return conf.get(key);
    },
    set(key, value) {
      checkKey(key);
      // JSON has no undefined; for a KeyValueStore it means "forget the key".
      if (value === undefined) conf.delete(key);
      else conf.set(key, value);
    },
  };
}
