import type { ReactNode } from 'react';
import { Alert } from '~/components/ui/alert.tsx';
import { DataTable } from '~/components/ui/data-table.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';

type ImportRow = { line: number; status: string };

/**
 * What an uploaded list will do (checked) or did (imported), row by row: a summary line, then each row's line number,
 * who it is, its state (ok, duplicate, refused) and why. Used by every page that takes a file of people or units.
 */
export function ImportRows<R extends ImportRow>({
  committed,
  summary,
  rows,
  headers,
  line,
  name,
  status,
  reason,
}: {
  committed: boolean;
  summary: ReactNode;
  rows: readonly R[];
  headers: { line: string; name: string; status: string; reason: string };
  line: (n: number) => string;
  name: (row: R) => ReactNode;
  status: (row: R) => string;
  reason: (row: R) => ReactNode;
}) {
  return (
    <div className="space-y-2">
      <Alert tone={committed ? 'success' : 'info'} data-testid="import-summary">
        {summary}
      </Alert>
      <DataTable
        rows={rows}
        rowKey={(r) => String(r.line)}
        data-testid="import-rows"
        columns={[
          { id: 'line', header: headers.line, className: 'tabular-nums', cell: (r) => line(r.line), sortValue: (r) => r.line },
          { id: 'name', header: headers.name, cell: (r) => name(r) || '—' },
          { id: 'status', header: headers.status, cell: (r) => <Badge tone={r.status === 'ok' ? 'success' : r.status === 'duplicate' ? 'progress' : 'danger'}>{status(r)}</Badge>, sortValue: (r) => r.status },
          { id: 'reason', header: headers.reason, cell: (r) => reason(r) || '—' },
        ]}
      />
    </div>
  );
}
