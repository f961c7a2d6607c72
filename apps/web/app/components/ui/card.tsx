import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from '~/lib/utils.ts';
import { EmptyState } from './empty-state.tsx';

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('rounded-lg border border-slate-200 bg-white shadow-sm', className)} {...props} />;
}

export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('border-b border-slate-100 px-5 py-4', className)} {...props} />;
}

export function CardTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h2 className={cn('text-base font-semibold text-slate-900', className)} {...props} />;
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-5 py-4', className)} {...props} />;
}

/**
 * A card with a title, an optional line under it and its body: the section of a staff page (settings, a person's
 * page). `bodyClassName` spaces the body; other props go to the card (a test id).
 */
export function CardSection({ title, intro, bodyClassName, children, ...props }: { title: ReactNode; intro?: ReactNode; bodyClassName?: string } & Omit<HTMLAttributes<HTMLDivElement>, 'title'>) {
  return (
    <Card {...props}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {intro ? <p className="text-xs text-slate-500">{intro}</p> : null}
      </CardHeader>
      <CardBody className={bodyClassName}>{children}</CardBody>
    </Card>
  );
}

/**
 * A list of cards (one under another, or the grid `className` gives), or the empty state when there are none: the
 * rows of a page that are not a table (a volunteer's shifts, the wish wall). `children` renders one item.
 */
export function CardList<T>({ items, empty, itemKey, className = 'space-y-2', children }: { items: readonly T[]; empty: string; itemKey: (item: T) => string; className?: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <EmptyState title={empty} />;
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={itemKey(item)}>{children(item)}</li>
      ))}
    </ul>
  );
}

/**
 * The rows of a card section that are not a table (a person's visits, the windows owed): divided lines, or the
 * `empty` line when there are none. `children` renders one row's content, in its <li> (`rowClassName`).
 */
export function RowList<T>({ items, empty, itemKey, testId, rowClassName = 'space-y-1 py-2', children }: { items: readonly T[]; empty: ReactNode; itemKey: (item: T) => string; testId?: string; rowClassName?: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {items.map((item) => (
        <li key={itemKey(item)} className={rowClassName}>
          {children(item)}
        </li>
      ))}
    </ul>
  );
}
