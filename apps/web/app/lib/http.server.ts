import { data, redirect } from '@remix-run/node';
import { ForbiddenError } from '@shequ/permissions';

/** Thrown responses render the route's error boundary with a translated page; never a stack trace. */
export function forbidden(): never {
  throw data({ code: 'forbidden' }, { status: 403 });
}

export function notFound(): never {
  throw data({ code: 'notFound' }, { status: 404 });
}

/**
 * The posted form, or a 400 page (translated, Chinese first) when the body is not a form: JSON, plain text, a
 * multipart body cut short or malformed (issue 13: these answered 500). Every action reads its form through this.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ code: 'badRequest' }, { status: 400 });
  }
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
