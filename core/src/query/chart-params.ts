import type { Chart } from '@tessera/metadata';

/** The query string of the aggregate request a dashboard chart makes, as clients send it and the loader checks it. */
export function chartParams(chart: Pick<Chart, 'groupBy' | 'measures' | 'filter' | 'limit'>): URLSearchParams {
  const params = new URLSearchParams();
  if (chart.groupBy?.length) params.set('groupBy', chart.groupBy.join(','));
  params.set('measures', chart.measures.join(','));
  if (chart.filter !== undefined) params.set('filter', JSON.stringify(chart.filter));
  if (chart.limit !== undefined) params.set('limit', String(chart.limit));
  return params;
}
