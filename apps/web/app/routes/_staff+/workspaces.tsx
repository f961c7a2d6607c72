import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { workspaceKindOf } from '@shequ/domain';
import { switchWorkspace } from '@shequ/use-cases';
import { switchWorkspaceSchema } from '@shequ/use-cases/schemas';
import { SignedOutPage } from '~/components/signed-out-page.tsx';
import { withUser } from '~/lib/db.server.ts';
import { forbidden, safeRedirect } from '~/lib/http.server.ts';
import { requireSessionSubmission } from '~/lib/forms.server.ts';
import { CONSOLE_PATH, requireSession } from '~/lib/session.server.ts';
import { pageTitle } from '~/lib/meta.ts';
import { isRefusal } from '~/lib/refusal.server.ts';
import { PostForm } from '~/components/ui/post-form.tsx';

export const meta = pageTitle('workspace.choose');

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  // With one workspace there is nothing to choose.
  if (session.workspaces.length === 1 && session.active) throw redirect(CONSOLE_PATH[workspaceKindOf(session.active.role)]);
  return {
    user: session.user.displayName,
    activeId: session.active?.membershipId ?? null,
    workspaces: session.workspaces.map((w) => ({ membershipId: w.membershipId, role: w.role, orgUnitName: w.orgUnitName, kind: workspaceKindOf(w.role) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, submission } = await requireSessionSubmission(request, switchWorkspaceSchema);
  // Not one of this person's workspaces (or no id at all): refused like any other.
  if (submission.status !== 'success') forbidden();
  const { membershipId, redirectTo } = submission.value;
  try {
    const target = await withUser(session.user.id, (tx) => switchWorkspace(tx, session, { membershipId }));
    const console = CONSOLE_PATH[workspaceKindOf(target.role)];
    const wanted = safeRedirect(redirectTo, console);
    return redirect(wanted.startsWith(console) ? wanted : console);
  } catch (error) {
    if (isRefusal(error)) forbidden();
    throw error;
  }
}

export default function WorkspacesPage() {
  const { t } = useTranslation();
  const { workspaces, activeId, user } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <SignedOutPage className="max-w-lg">
      <h1 className="text-xl font-semibold text-slate-900">{t('workspace.choose')}</h1>
      <p className="mt-1 text-sm text-slate-500">
        {user} · {t('workspace.chooseHint')}
      </p>
      <ul className="mt-6 space-y-3">
        {workspaces.map((w) => (
          <li key={w.membershipId}>
            <PostForm hiddenFields={{ redirectTo: params.get('redirectTo') ?? '' }}>
              <button
                name="membershipId"
                value={w.membershipId}
                className="flex w-full items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-left shadow-sm hover:border-brand-500"
              >
                <span>
                  <span className="block font-medium text-slate-900">{w.orgUnitName || t(`workspace.kinds.${w.kind}`)}</span>
                  <span className="block text-sm text-slate-500">
                    {t(`roles.${w.role}`)} · {t(`workspace.kinds.${w.kind}`)}
                    {w.membershipId === activeId ? ' ✓' : ''}
                  </span>
                </span>
                <ChevronRight aria-hidden className="h-5 w-5 text-slate-400" />
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
    </SignedOutPage>
  );
}
