// Liveness: the process answers. Orchestrators restart the container when this fails.
export function loader() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
