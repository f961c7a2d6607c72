import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/error-page.tsx';
import { ResidentShell } from '~/components/resident-shell.tsx';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

export async function loader({ params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  return { community: { name: community.name, slug: community.slug, status: community.status } };
}

export default function ResidentLayout() {
  const { community } = useLoaderData<typeof loader>();
  return (
    <ResidentShell community={community.name} slug={community.slug}>
      <Outlet />
    </ResidentShell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
