import { Counter, Histogram, Registry } from 'prom-client';

import { parsePrometheusText, sampleValue } from './prometheus-text';

describe(parsePrometheusText.name, () => {
  it('should read what prom-client writes, labels and histogram buckets included', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ app: 'test' });
    new Counter({ name: 'things_total', help: 'things', labelNames: ['kind'], registers: [registry] }).inc({ kind: 'a "quoted" \\ one' }, 2);
    new Histogram({ name: 'latency_seconds', help: 'latency', buckets: [0.1, 1], registers: [registry] }).observe(0.5);

    const samples = parsePrometheusText(await registry.metrics());

    expect(sampleValue(samples, 'things_total', { kind: 'a "quoted" \\ one', app: 'test' })).toBe(2);
    expect(sampleValue(samples, 'latency_seconds_bucket', { le: '0.1' })).toBe(0);
    expect(sampleValue(samples, 'latency_seconds_bucket', { le: '+Inf' })).toBe(1);
    expect(sampleValue(samples, 'latency_seconds_count')).toBe(1);
  });

  it('should refuse a line that is not Prometheus text', () => {
    expect(() => parsePrometheusText('<html>oops</html>\n')).toThrow(/line 1 is not Prometheus text/);
  });
});
