import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where photos live. The default writes to a local folder; an object store can implement the same three calls. */
export interface PhotoStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
}

// Photos, and the PDF scans of meetings' minutes (decision 057).
const SAFE_KEY = /^[a-z0-9-]+\/[a-z0-9-]+\.(jpg|png|webp|pdf)$/;

export function localPhotoStorage(root: string): PhotoStorage {
  const file = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error('unsafe storage key');
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await writeFile(file(key), bytes, { flag: 'wx' });
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
  };
}
