import type { ShouldRevalidateFunction } from '@remix-run/react';

/**
 * For forms that carry a submission key (drawn by the loader): after a post the page keeps its loader data, so a
 * refused or failed form sent again keeps its key and cannot store the same request twice.
 */
export const keepSubmissionKeyAfterPost: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === 'POST' ? false : defaultShouldRevalidate);
