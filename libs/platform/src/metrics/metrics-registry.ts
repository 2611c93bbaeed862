import { collectDefaultMetrics, Registry } from 'prom-client';

/** The app's own Prometheus registry (never prom-client's global one): default Node metrics, every series labelled app. */
export class MetricsRegistry extends Registry {
  constructor(readonly app: string) {
    super();
    this.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this, prefix: 'tailor_' });
  }
}
