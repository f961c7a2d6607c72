import { NavLink } from '@remix-run/react';
import { useCommunityCan } from '~/lib/ability.tsx';
import { useLooseT } from '~/lib/i18n.ts';
import { cn } from '~/lib/utils.ts';

export type SectionTab = { to: string; label: string; end?: boolean; show?: boolean };

/**
 * The tabs of a section's pages (meals, care, the committee …): links, the current one marked; tabs with
 * `show: false` (the server would refuse them) are left out. Wraps on a phone; hidden when printing.
 */
export function SectionTabs({ label, tabs }: { label: string; tabs: SectionTab[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 print:hidden">
      {tabs
        .filter((x) => x.show !== false)
        .map((x) => (
          <NavLink
            key={x.to}
            to={x.to}
            end={x.end}
            className={({ isActive }) => cn('rounded-md px-3 py-1.5 text-sm', isActive ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-600 hover:bg-slate-100')}
          >
            {x.label}
          </NavLink>
        ))}
    </nav>
  );
}

/**
 * One tab of a feature's pages in the community console: the page under /community/<feature> (`path`; '' for the
 * feature's first page, marked only on itself), its words `<feature>.tabs.<tab>`, and the check its page makes
 * (`can`: action and subject in the console's community; none: everyone in the console).
 */
export type FeatureTab = { path: string; tab: string; can?: Parameters<ReturnType<typeof useCommunityCan>> };

/** A feature's tabs (`<feature>.title` names them), each shown only to those its page lets in. */
export function FeatureTabs({ feature, tabs }: { feature: string; tabs: FeatureTab[] }) {
  const t = useLooseT();
  const can = useCommunityCan();
  return (
    <SectionTabs
      label={t(`${feature}.title`)}
      tabs={tabs.map((x) => ({ to: x.path ? `/community/${feature}/${x.path}` : `/community/${feature}`, label: t(`${feature}.tabs.${x.tab}`), end: !x.path, show: x.can ? can(...x.can) : true }))}
    />
  );
}
