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
          // Grid workers deliver in their grids: their grids' round, with 确认送达 (getDeliverySheet).
          { path: 'deliveries', tab: 'deliveries', can: ['deliver', 'MealService'] },
          { path: 'settlement', tab: 'settlement', can: ['update', 'MealService'] },
          { path: 'settings', tab: 'settings', can: ['read', 'MealService'] },
        ]}
      />
    </div>
  );
}
