import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { env } from './env.server.ts';
import { log } from './log.server.ts';

/** What case use cases need from the outside world: the personal-data cipher, photo storage, and the log (a failure after a case's commit). */
export const caseDeps = {
  cipher: createPersonalDataCipher(env.PERSONAL_DATA_KEY),
  storage: localPhotoStorage(env.PHOTO_STORAGE_DIR),
  log,
};
