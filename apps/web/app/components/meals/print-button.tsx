import { Printer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '~/components/ui/button.tsx';

/** Opens the browser's print dialog (the page's print styles hide navigation and buttons). */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <Button type="button" variant="secondary" size="sm" className="print:hidden" onClick={() => window.print()} data-testid="print">
      <Printer className="h-4 w-4" aria-hidden />
      {t('meals.kitchen.print')}
    </Button>
  );
}
