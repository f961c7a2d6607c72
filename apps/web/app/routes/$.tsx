import { notFound } from '~/lib/http.server.ts';

export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
