import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameTellingApart } from '~/components/residents/tell-apart.ts';
import { Button } from '~/components/ui/button.tsx';
import { FieldError } from '~/components/ui/field.tsx';
import { Input } from '~/components/ui/input.tsx';
import type { FoundPerson, PickedPerson } from '~/routes/community+/committee.people.tsx';

/**
 * Choosing people of the register inside another form (the meeting form's residents' representatives, issue 18):
 * a search by name, mobile or ID number (as the register's finders: /community/committee/people, masked), the people
 * found with 添加, and those chosen with 移除. Each chosen person is posted as `name` (their id) with `labelName`
 * (what the page showed), so a refused form shows them again. The search is not a form of its own (forms do not
 * nest): Enter in the box searches instead of sending the outer form.
 */
export function ResidentPicker({ name, labelName, legend, hint, initial, error }: { name: string; labelName: string; legend: string; hint?: string; initial: PickedPerson[]; error?: string | null }) {
  const { t } = useTranslation();
  const finder = useFetcher<{ found: FoundPerson[] }>();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<PickedPerson[]>(initial);
  const [offline, setOffline] = useState(false);
  const search = () => {
    const text = q.trim();
    // Offline, a failed load would replace the whole meeting form with the error page: say so here instead.
    setOffline(!navigator.onLine);
    if (text && navigator.onLine) finder.load(`/community/committee/people?q=${encodeURIComponent(text)}`);
  };
  // The words every picker puts beside a masked name (tell-apart.ts): 王**（4栋 1单元 · 72 岁 · 138****1234）.
  const labelOf = (p: FoundPerson): PickedPerson => ({ id: p.id, label: nameTellingApart(t, p.nameHint, { building: p.address, age: p.age, mobileHint: p.mobileHint }) });
  const found = finder.data?.found.map(labelOf) ?? null;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={errorId} aria-invalid={error ? true : undefined} data-testid="resident-picker">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {chosen.length ? (
        <ul className="flex flex-wrap gap-2" data-testid="resident-picker-chosen">
          {chosen.map((p) => (
            <li key={p.id} className="flex min-w-0 items-center gap-1 rounded-md border border-slate-200 bg-slate-50 px-2 text-sm">
              <input type="hidden" name={name} value={p.id} />
              <input type="hidden" name={labelName} value={p.label} />
              <span className="min-w-0 break-all">{p.label}</span>
              <button
                type="button"
                className="min-h-9 px-1 text-slate-600 underline hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                onClick={() => setChosen((list) => list.filter((x) => x.id !== p.id))}
              >
                {t('committee.picker.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{t('committee.picker.none')}</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <Input
          aria-label={t('committee.picker.search')}
          placeholder={t('committee.picker.placeholder')}
          value={q}
          maxLength={40}
          className="h-9 min-w-0 flex-1 text-sm"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            search();
          }}
          data-testid="resident-picker-q"
        />
        <Button type="button" variant="secondary" size="sm" onClick={search} disabled={finder.state !== 'idle'}>
          {t('committee.picker.find')}
        </Button>
      </div>
      {offline ? (
        <p className="text-sm text-red-700" role="alert" data-testid="resident-picker-offline">
          {t('errors.offlineAction')}
        </p>
      ) : null}
      {found ? (
        found.length ? (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="resident-picker-found">
            {found.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
                <span className="min-w-0 break-all">{p.label}</span>
                {chosen.some((x) => x.id === p.id) ? (
                  <span className="text-slate-500">{t('committee.picker.added')}</span>
                ) : (
                  <Button type="button" size="sm" variant="secondary" onClick={() => setChosen((list) => [...list, p])}>
                    {t('committee.picker.add')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500" data-testid="resident-picker-empty">
            {t('committee.picker.notFound')}
          </p>
        )
      ) : null}
      <FieldError id={errorId}>{error}</FieldError>
    </fieldset>
  );
}
