import { useTranslation } from 'react-i18next';
import { NotSetUp } from '~/components/ui/empty-state.tsx';
import { useCommunityCan } from '~/lib/ability.tsx';

/**
 * A station without a sitting yet (a community that has not started meal help): the community admin, who sets
 * sittings (manage MealService: capacity, price, cut-off), is led to the settings (`here` on the settings page
 * itself: the form below); 社工 and grid workers are told the admin sets it up.
 */
export function NoSittings({ here = false }: { here?: boolean }) {
  const { t } = useTranslation();
  const can = useCommunityCan();
  return (
    <NotSetUp
      title={t('meals.sittings.empty')}
      canSetUp={can('manage', 'MealService')}
      setUp={{ text: t('meals.sittings.emptyManage'), link: t('meals.sittings.goSettings') }}
      ask={t('meals.sittings.emptyAsk')}
      to={here ? undefined : '/community/meals/settings'}
      testId="meals-no-sittings"
    />
  );
}
