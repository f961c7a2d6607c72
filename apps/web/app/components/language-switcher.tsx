import { Form, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@shequ/i18n';
import { cn } from '~/lib/utils.ts';

export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form noValidate method="post" action="/locale" className={cn('flex items-center gap-1 text-sm', className)} aria-label={t('common.language')}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((l) => (
        <button
          key={l}
          name="locale"
          value={l}
          aria-pressed={i18n.language === l}
          className={cn('rounded px-2 py-1', i18n.language === l ? 'bg-slate-200 font-semibold text-slate-900' : 'text-slate-600 hover:bg-slate-100')}
        >
          {t(`languages.${l}`)}
        </button>
      ))}
    </Form>
  );
}
