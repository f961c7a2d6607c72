import type { ReactNode } from 'react';
import { Alert } from '~/components/ui/alert.tsx';
import { ResidentPage } from '~/components/resident-page.tsx';

/**
 * A page of 我的 for someone staff have not confirmed yet (no person of the register behind the number): its title,
 * what to do meanwhile, and `children` (a way back).
 */
export function NotConfirmedYet({ title, text, children }: { title: string; text: string; children?: ReactNode }) {
  return (
    <ResidentPage title={title}>
      <Alert tone="info">{text}</Alert>
      {children}
    </ResidentPage>
  );
}
