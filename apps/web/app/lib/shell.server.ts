import { packRules } from '@casl/ability/extra';
import { data } from '@remix-run/node';
import { workspaceKindOf, type WorkspaceKind } from '@shequ/domain';
import { unreadNotificationCount } from '@shequ/use-cases';
import type { ConsoleShell } from '~/components/console-nav.ts';
import { withUser } from './db.server.ts';
import { type ActorContext, CONSOLE_SUBJECT, requireActor } from './session.server.ts';

/** What the AppShell needs: never more than the user's own name, workspaces and unread count. */
export async function shellData({ session, ability }: ActorContext) {
  const pick = (w: (typeof session.workspaces)[number]) => ({ membershipId: w.membershipId, role: w.role, orgUnitName: w.orgUnitName });
  return {
    user: { displayName: session.user.displayName },
    workspace: pick(session.active!),
    workspaces: session.workspaces.map(pick),
    rules: packRules(ability.rules),
    unread: await withUser(session.user.id, (tx) => unreadNotificationCount(tx, session.user.id)),
    // When this page was rendered: the care app tells a page fresh from the server from a cached copy (decision 053).
    servedAt: Date.now(),
  };
}

/**
 * The shell of the console the caller's workspace opens (community, org or operator): shellData, which console it
 * is, and the ids the browser builds its navigation's subjects from (the rules' conditions look at them).
 */
export async function consoleShell(ctx: ActorContext): Promise<ConsoleShell> {
  const base = await shellData(ctx);
  const { workspace } = ctx.actor;
  const kind = workspaceKindOf(workspace.role);
  if (kind === 'community') return { ...base, console: kind, scope: { tenantId: workspace.tenantId!, streetId: workspace.streetId, districtId: workspace.districtId }, suspended: workspace.tenantStatus === 'suspended' };
  if (kind === 'org') return { ...base, console: kind, role: workspace.role, scope: { orgUnitId: workspace.orgUnitId!, streetId: workspace.streetId, districtId: workspace.districtId } };
  return { ...base, console: kind };
}

/** What a page refused for belonging to another console carries: that console, and the caller's own console's shell. */
export type OtherConsoleRefusal = { code: 'otherConsole'; console: WorkspaceKind; shell: ConsoleShell };

/**
 * A console layout's loader: the signed-in caller (signed out → sign-in; no workspace chosen → the chooser) whose
 * workspace opens `console`, and that console's shell. A caller whose workspace opens another console (a community
 * admin at /operator, an officer at /community) is refused with a 403 that carries their own console's shell
 * (OtherConsoleRefusal): the layout's error boundary draws the refusal inside the console they do have, with their
 * navigation, name and sign-out, and says where they may go instead (components/error-page.tsx).
 */
export async function requireConsole<K extends WorkspaceKind>(request: Request, console: K): Promise<{ ctx: ActorContext; shell: Extract<ConsoleShell, { console: K }> }> {
  const ctx = await requireActor(request);
  const shell = await consoleShell(ctx);
  if (!ctx.ability.can('access', CONSOLE_SUBJECT[console]) || shell.console !== console) {
    throw data({ code: 'otherConsole', console, shell } satisfies OtherConsoleRefusal, { status: 403 });
  }
  return { ctx, shell: shell as Extract<ConsoleShell, { console: K }> };
}
