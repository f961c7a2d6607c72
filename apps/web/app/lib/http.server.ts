import { data, redirect } from '@remix-run/node';
import { ForbiddenError } from '@shequ/permissions';

/** Thrown responses render the route's error boundary with a translated page; never a stack trace. */
export function forbidden(): never {
  throw data({ code: 'forbidden' }, { status: 403 });
}

export function notFound(): never {
  throw data({ code: 'notFound' }, { status: 404 });
}

/** A posted intent that is not a form of this page: the translated 400 page. */
export function badRequest(): never {
  throw data({ code: 'badRequest' }, { status: 400 });
}

/** Runs a server check and turns a permission refusal into a 403 page. */
export async function guard<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

/** Only same-site relative paths, so a redirectTo parameter cannot send users elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}

export { redirect };
