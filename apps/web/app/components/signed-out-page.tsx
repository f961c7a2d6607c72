import type { ReactNode } from 'react';
import { LanguageSwitcher } from '~/components/language-switcher.tsx';
import { cn } from '~/lib/utils.ts';

/**
 * The frame of the pages outside the console (signing in, the password reset, choosing a workspace): the language
 * switch at the top right and one narrow column below it, on the brand's light gradient.
 */
export function SignedOutPage({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-slate-50">
      <div className="flex justify-end p-4">
        <LanguageSwitcher />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-8 sm:pt-16">
        <div className={cn('w-full max-w-sm', className)}>{children}</div>
      </main>
    </div>
  );
}
