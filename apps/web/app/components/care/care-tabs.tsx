import { useErrorText } from '~/lib/error-text.ts';
import { Alert } from '~/components/ui/alert.tsx';
import { FeatureTabs } from '~/components/ui/section-tabs.tsx';

/** The care pages' tabs (issue 20), each shown only to those the server lets in. Wraps on a phone. */
export function CareTabs() {
  return (
    <FeatureTabs
      feature="care"
      tabs={[
        { path: '', tab: 'roster', can: ['read', 'CareRoster'] },
        { path: 'app', tab: 'app', can: ['read', 'CareRoster'] },
        { path: 'manage', tab: 'manage', can: ['read', 'CareRoster'] },
        { path: 'rules', tab: 'rules', can: ['read', 'CareRoster'] },
        { path: 'conflicts', tab: 'conflicts', can: ['manage', 'CareRoster'] },
      ]}
    />
  );
}

/** The tone of a window state: overdue stands out, due soon warns, visited recedes (the text carries the meaning). */
export function stateTone(state: string | null | undefined) {
  return state === 'overdue' ? 'danger' : state === 'due_soon' ? 'progress' : state === 'due' ? 'info' : state === 'visited' || state === 'visited_late' ? 'success' : 'muted';
}

/** The tone of a tier. */
export function tierTone(tier: string | null | undefined) {
  return tier === 'high' ? 'danger' : tier === 'priority' ? 'progress' : 'neutral';
}

/** What a care page's action answered: the form sent, its messages by field ('' above the form), their values. */
export type CareAnswer = { form: string; errors: Record<string, string[]>; params: Record<string, string | number> };

/**
 * A care page's answer read for its forms: `err(form, field)` the message beside a field of the form sent, `alert(form)`
 * the refusal that names no field of it, above the form (''), in the user's language (useErrorText: raw validator
 * text never shown).
 */
export function useCareAnswer(answer: CareAnswer | undefined) {
  const tr = useErrorText(answer?.params);
  const err = (form: string, field: string) => (answer?.form === form ? tr(answer.errors[field]?.[0]) : null);
  const alert = (form: string, className?: string) => {
    const message = err(form, '');
    return message ? (
      <Alert tone="error" className={className}>
        {message}
      </Alert>
    ) : null;
  };
  return { answer, err, alert };
}
