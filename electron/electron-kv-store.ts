import type { KeyValueStore } from '../core/ports.ts';
import { restrictToOwner, STORE_FILE_MODE } from '../core/settings/owner-only-file.ts';

// The core's KeyValueStore over electron-store (a `conf` store in the user-data directory).
// electron-store imports 'electron' when loaded, so main.ts passes its constructor in and this
// module stays importable (and tested) without Electron, against conf, the engine underneath.

/** What electron-store (and conf) instances offer. */
export interface BackingStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The JSON file (electron-store and conf both have it). */
  readonly path: string;
}

export interface BackingStoreOptions {
  name: string;
  /**
   * Keys are opaque (incident keys, source ids contain dots): "a.b" must not become {a: {b}}.
   */
  accessPropertiesByDotNotation: false;
  /** A corrupt file is an error to report, never a reason to wipe the user's state. */
  clearInvalidConfig: false;
  /** Owner-only (applied to an existing file on every write): settings and encrypted secrets are nobody else's. */
  configFileMode: typeof STORE_FILE_MODE;
}

// conf keeps its own bookkeeping under this key and refuses writes to it.
const RESERVED = '__internal__';

export function createElectronKvStore(backing: BackingStore): KeyValueStore {
  const checkKey = (key: string): void => {
    if (typeof key !== 'string' || key.length === 0 || key.length > 1024) throw new Error(`invalid store key ${JSON.stringify(key)}`);
    if (key === RESERVED) throw new Error(`store key "${RESERVED}" is reserved`);
  };
  return {
    get(key) {
      checkKey(key);
      return backing.get(key);
    },
    set(key, value) {
      checkKey(key);
      // JSON has no undefined; storing "nothing" means forgetting the key.
      if (value === undefined) backing.delete(key);
      else backing.set(key, value);
    },
  };
}

export function openElectronKvStore(open: (options: BackingStoreOptions) => BackingStore, name: string): { kv: KeyValueStore; backing: BackingStore } {
  let backing: BackingStore;
  try {
    backing = open({ name, accessPropertiesByDotNotation: false, clearInvalidConfig: false, configFileMode: STORE_FILE_MODE });
  } catch (error) {
    throw new Error(`cannot open the "${name}" store in the Vigil user-data directory (left untouched): ${(error as Error).message}`, { cause: error });
  }
  restrictToOwner(backing.path);
  return { kv: createElectronKvStore(backing), backing };
}
