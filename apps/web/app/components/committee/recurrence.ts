import { useTranslation } from 'react-i18next';
import { useLooseT } from '~/lib/i18n.ts';

/**
 * A service post's recurrence in words (每周六 / 每月第 2 个周六) from its stored rule (`weekly:<1-7>` or
 * `monthly:<1-5>:<1-7>`, service_posts_recurrence). Used by the posts page and the wish page's matching posts.
 */
export function useRecurrenceLabel() {
  const { t } = useTranslation();
  const tk = useLooseT();
  return (rule: string) => {
    const [kind, a, b] = rule.split(':');
    return kind === 'weekly' ? t('committee.posts.weekly', { day: tk(`committee.weekday.${a}`) }) : t('committee.posts.monthly', { nth: a, day: tk(`committee.weekday.${b}`) });
  };
}
