import { Fragment, type ReactNode } from 'react';
import { Button } from '~/components/ui/button.tsx';
import { type HiddenFields, PostForm, StepButton, type StepConfirm } from '~/components/ui/post-form.tsx';
import { cn } from '~/lib/utils.ts';

/** One step a row may offer: posted as `intent=<intent>` with the row's hidden fields. */
export type RowAction = {
  intent: string;
  label: ReactNode;
  testId?: string;
  variant?: 'primary' | 'secondary' | 'ghost';
  /** Asks first (a dialog) before the step is posted. */
  confirm?: StepConfirm;
  /** Drawn just before the button (e.g. the note that goes with 完成). */
  before?: ReactNode;
};

/**
 * The buttons of the steps a row's `allowed` map says the server would take now (decision 051: the use cases return
 * the map with the row), in one form that carries the row's `hiddenFields` (posted to `action`, default the page's
 * own). Draws nothing when no step is allowed. `size`: the buttons' (large on the residents' pages).
 */
export function ActionButtons({
  allowed,
  actions,
  hiddenFields,
  busy,
  className,
  action,
  size = 'sm',
}: {
  allowed: Partial<Record<string, boolean>>;
  actions: RowAction[];
  hiddenFields: HiddenFields;
  busy: boolean;
  className?: string;
  action?: string;
  size?: 'sm' | 'lg';
}) {
  const shown = actions.filter((a) => allowed[a.intent]);
  if (shown.length === 0) return null;
  return (
    <PostForm action={action} hiddenFields={hiddenFields} className={cn('flex flex-wrap gap-1', className)}>
      {shown.map((a) => (
        <Fragment key={a.intent}>
          {a.before}
          <StepButton intent={a.intent} confirm={a.confirm} variant={a.variant} size={size} busy={busy} data-testid={a.testId}>
            {a.label}
          </StepButton>
        </Fragment>
      ))}
    </PostForm>
  );
}

/**
 * A decision's two buttons in the row's form: `name` posted as "on" for yes and "" for no (accept/decline an
 * application, approve/decline a nomination), yes first.
 */
export function DecisionButtons({ name, yes, no, busy, size }: { name: string; yes: ReactNode; no: ReactNode; busy: boolean; size?: 'sm' }) {
  return (
    <>
      <Button type="submit" name={name} value="on" size={size} disabled={busy}>
        {yes}
      </Button>
      <Button type="submit" name={name} value="" size={size} variant="secondary" disabled={busy}>
        {no}
      </Button>
    </>
  );
}
