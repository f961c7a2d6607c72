import { FeatureTabs } from '~/components/ui/section-tabs.tsx';

/** The meal help pages' tabs (decision 038), each shown only to those the server lets in. Wraps on a phone. */
export function MealTabs() {
  return (
    <div className="print:hidden">
      <FeatureTabs
        feature="meals"
        tabs={[
          { path: '', tab: 'menu', can: ['read', 'MealService'] },
          { path: 'bookings', tab: 'bookings', can: ['create', 'MealService'] },
          { path: 'counter', tab: 'counter', can: ['update', 'MealService'] },
          { path: 'kitchen', tab: 'kitchen', can: ['update', 'MealService'] },
          { path: 'settlement', tab: 'settlement', can: ['update', 'MealService'] },
          { path: 'settings', tab: 'settings', can: ['read', 'MealService'] },
        ]}
      />
    </div>
  );
}
