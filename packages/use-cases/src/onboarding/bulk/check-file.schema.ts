import { z } from '../../zod.ts';

/** A bulk-onboarding file to check (checkOnboardingFile): one CSV or XLSX file. */
export const onboardingFileSchema = z.object({
  file: z.instanceof(File, { message: 'bulkImport.errors.noFile' }).refine((f) => f.size > 0, 'bulkImport.errors.noFile'),
});

/** Starting a checked import (startOnboardingImport) posts nothing but the CSRF token; the import is in the URL. */
export const startOnboardingImportSchema = z.object({});
