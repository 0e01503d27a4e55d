/**
 * The operation index's history as a chart (overall and the three components by period), the
 * chart library fetched only when it shows: the index page and the organization profile.
 */
import { lazy, Suspense } from 'react';
import { useApp } from '../context.tsx';
import type { IndexRow } from '../insight.ts';
import { Loading } from '../ui.tsx';

const IndexChart = lazy(() => import('./IndexChart.tsx'));

export function IndexHistoryChart({ rows }: { rows: readonly IndexRow[] }) {
  const { t } = useApp();
  return (
    <Suspense fallback={<Loading />}>
      <IndexChart
        rows={rows}
        labels={[
          t('ixOverall', { value: '' }).replace(/\s*%$/, ''),
          t('ixComponent_people'),
          t('ixComponent_items'),
          t('ixComponent_links'),
        ]}
      />
    </Suspense>
  );
}
