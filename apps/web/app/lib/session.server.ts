import { createHmac, timingSafeEqual } from 'node:crypto';
import { data, redirect } from '@remix-run/node';
import { workspaceKindOf, type WorkspaceKind } from '@shequ/domain';
import { type Actor, type AppAbility, assertCan, defineAbilityFor } from '@shequ/permissions';
import { anonymousCaller, resolveSession, type ResolvedSession } from '@shequ/use-cases';
import { withAuthentication } from './db.server.ts';
import { env, secureCookies } from './env.server.ts';
import { readCookie, serializeCookie } from './cookies.server.ts';
import { forbidden, guard } from './http.server.ts';

/** The cookie holds only a random token; the session row (hashed token) lives in PostgreSQL and can be revoked. */
export const SESSION_COOKIE = secureCookies ? '__Host-shequ_session' : 'shequ_session';

export function sessionCookie(token: string, expiresAt: Date): string {
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000 });
}

export function clearedSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0 });
}

export function sessionToken(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE);
}

const resolved = new WeakMap<Request, Promise<ResolvedSession | null>>();
/** Whoever sends a cookie is nobody until it is resolved (the anonymous ability, made once). */
const cookieHolder = anonymousCaller();

/** The signed-in user's session, resolved once per request. */
export function getSession(request: Request): Promise<ResolvedSession | null> {
  let pending = resolved.get(request);
  if (!pending) {
    const token = sessionToken(request);
    pending = token ? withAuthentication('resolve session', (tx) => resolveSession(tx, cookieHolder, { token })) : Promise.resolve(null);
    resolved.set(request, pending);
  }
  return pending;
}

export async function requireSession(request: Request): Promise<ResolvedSession> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const redirectTo = url.pathname === '/' ? '' : `?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
    throw redirect(`/login${redirectTo}`, { headers: { 'Set-Cookie': clearedSessionCookie() } });
  }
  return session;
}

export async function requireAnonymous(request: Request): Promise<void> {
  const session = await getSession(request);
  if (session) throw redirect('/');
}

export const CONSOLE_PATH: Record<WorkspaceKind, string> = { community: '/community', org: '/org', operator: '/operator' };
export const CONSOLE_SUBJECT = { community: 'CommunityConsole', org: 'OrgConsole', operator: 'OperatorConsole' } as const;

export type ActorContext = { session: ResolvedSession; actor: Actor; ability: AppAbility };

/**
 * Every signed-in loader and action starts here: the user, the workspace they act in, and the ability built from it.
 * With `console`, the workspace must be allowed into that console (checked by ability, not by the URL).
 */
export async function requireActor(request: Request, console?: WorkspaceKind): Promise<ActorContext> {
  const session = await requireSession(request);
  if (!session.active) throw redirect(`/workspaces?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`);
  const actor: Actor = { userId: session.user.id, displayName: session.user.displayName, workspace: session.active };
  const ability = defineAbilityFor(actor);
  if (console) await guard(() => assertCan(ability, 'access', CONSOLE_SUBJECT[console]));
  return { session, actor, ability };
}

export function consolePathFor(session: ResolvedSession): string {
  return session.active ? CONSOLE_PATH[workspaceKindOf(session.active.role)] : '/workspaces';
}

/** CSRF, second layer: a token bound to the session, in every signed-in form (rendered by <CsrfInput />). */
export function csrfToken(sessionId: string): string {
  return createHmac('sha256', env.SESSION_SECRET).update(`csrf:${sessionId}`).digest('base64url');
}

/** `sent`: the token the form carried (read by lib/forms.server.ts, the one module that reads posted fields). */
export function verifyCsrf(session: ResolvedSession, sent: unknown): void {
  const expected = Buffer.from(csrfToken(session.sessionId));
  if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), expected)) {
    throw data({ code: 'csrf' }, { status: 403 });
  }
}

export { forbidden };
