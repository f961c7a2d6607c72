import { createPersonalDataCipher } from '@shequ/use-cases/crypto';
import { localPhotoStorage } from '@shequ/use-cases/storage';
import { env } from './env.server.ts';

/** What case use cases need from the outside world: the personal-data cipher and photo storage. */
export const caseDeps = {
  cipher: createPersonalDataCipher(env.PERSONAL_DATA_KEY),
  storage: localPhotoStorage(env.PHOTO_STORAGE_DIR),
};
