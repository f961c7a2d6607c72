import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * On a resident's service pages (meals, senior school): for whom they act, themselves or a parent they may book for
 * (`?for=<register id>`). Shown only when there is someone besides themselves.
 */
export function PersonSwitcher({ path, people, current }: { path: string; people: { id: string; nameHint: string; self: boolean }[]; current: string }) {
  const { t } = useTranslation();
  if (people.length < 2) return null;
  return (
    <nav aria-label={t('meals.resident.forWhom')} className="flex flex-wrap gap-2" data-testid="person-switcher">
      {people.map((p) => (
        <Link
          key={p.id}
          to={p.self ? path : `${path}?for=${p.id}`}
          aria-current={p.id === current ? 'page' : undefined}
          className={`rounded-full border px-4 py-2 ${p.id === current ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 bg-white text-slate-800'}`}
        >
          {p.self ? t('meals.resident.self') : t('meals.resident.familyOf', { name: p.nameHint })}
        </Link>
      ))}
    </nav>
  );
}
