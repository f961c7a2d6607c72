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


