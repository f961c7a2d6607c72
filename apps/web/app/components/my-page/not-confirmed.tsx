import type { ReactNode } from 'react';
import { Alert } from '~/components/ui/alert.tsx';

/**
 * A page of 我的 for someone staff have not confirmed yet (no person of the register behind the number): its title,
 * what to do meanwhile, and `children` (a way back).
 */
export function NotConfirmedYet({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <Alert tone="info">{text}</Alert>
      {children}
    </div>
  );
}
