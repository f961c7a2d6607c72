import { type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withTenant } from '@shequ/db';
import { getMyPage } from '@shequ/use-cases';
import { MyCard } from '~/components/my-page/my-card.tsx';
import { MyPageHeader } from '~/components/my-page/my-page-header.tsx';
import { MY_PAGE_SECTION_VIEWS } from '~/components/my-page/sections.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { db } from '~/lib/db.server.ts';
import { isMessageKey } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { requireResident } from '~/lib/resident-session.server.ts';
import { communityBySlug } from '~/routes/_resident+/c.$slug.server.ts';

export const meta = pageTitle('me.title');

// "我的" (decision 035): the signed-in resident's own page, one section per feature (MY_PAGE_SECTIONS).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const community = await communityBySlug(params.slug);
  const caller = await requireResident(request, community);
  const page = await withTenant(db, community.id, (tx) => getMyPage(tx, caller));
  return { slug: community.slug, ...page };
}

export default function MyPage() {
  const { t, i18n } = useTranslation();
  const { slug, mobileHint, pending, sections } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <MyPageHeader
        title={t('me.title')}
        aside={
          <Form method="post" action={`/c/${slug}/me/sign-out`} noValidate>
            <Button type="submit" variant="secondary" size="sm">
              {t('me.signOut')}
            </Button>
          </Form>
        }
      />
      <p className="text-slate-600" data-testid="me-mobile">
        {t('me.signedInAs', { mobile: mobileHint })}
      </p>
      {pending ? <Alert tone="info">{t('me.pending')}</Alert> : null}
      {sections.map((section) => {
        const View = MY_PAGE_SECTION_VIEWS[section.key];
        const title = `me.sections.${section.key}.title`;
        if (!View) return null;
        return (
          <MyCard key={section.key} title={isMessageKey(i18n, title) ? t(title) : section.key} data-testid={`me-section-${section.key}`}>
            <div className="mt-2">
              <View data={section.data} slug={slug} />
            </div>
          </MyCard>
        );
      })}
    </div>
  );
}
