import { exportedNames, exprsIn, metricNames } from './promql-names';

test('metricNames keeps metric names and drops functions, labels, ranges, grouping, keywords, numbers and $variables', () => {
  expect(
    metricNames('sum by (queue, job) (increase(bridge_jobs_total{queue="orders", outcome="failed"}[15m])) > 5'),
  ).toEqual(['bridge_jobs_total']);
  expect(metricNames('redis_memory_used_bytes / (redis_memory_max_bytes > 0) > 0.8')).toEqual([
    'redis_memory_max_bytes',
    'redis_memory_used_bytes',
  ]);
  expect(metricNames('max by (queue) (a_total) > 500 and deriv(max by (queue) (a_total)[15m:1m]) > 0')).toEqual([
    'a_total',
  ]);
  expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[$__rate_interval])))')).toEqual([
    'x_seconds_bucket',
  ]);
  expect(metricNames('up{job=~"bridge-.*"} == 0 unless on (instance) other_metric offset 5m')).toEqual([
    'other_metric',
    'up',
  ]);
  expect(metricNames('max_over_time(m{a="b c", d=\'}\'}[1h]) > 1e3 * 3 + 0x1f')).toEqual(['m']);
});

test('exprsIn finds every expr in nested documents', () => {
  expect(
    exprsIn({
      groups: [{ rules: [{ expr: 'a' }, { expr: 'b', labels: { expr: 'c' } }] }],
      panels: [{ targets: [{ expr: 'd' }] }],
    }),
  ).toEqual(['a', 'b', 'c', 'd']);
});

test('exportedNames lists families and the series names of histograms and summaries', () => {
  const text = '# HELP a x\n# TYPE a counter\na 1\n# TYPE h histogram\n# TYPE s summary\n# TYPE g gauge\n';
  expect([...exportedNames(text)].sort()).toEqual([
    'a',
    'g',
    'h',
    'h_bucket',
    'h_count',
    'h_sum',
    's',
    's_count',
    's_sum',
  ]);
});
