import { notFound } from '~/lib/http.server.ts';
import { pageTitle } from '~/lib/meta.ts';

export const meta = pageTitle('errors.notFoundTitle');

export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
