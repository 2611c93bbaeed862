import type { ModelMetrics, OnnxRuntimeModel } from '@tailor/runtime-model';

/** A loaded model version and the requests using it: its session is released only once the last one is done. */
export class ServingModel {
  private inflight = 0;
  private retired = false;

  constructor(
    readonly id: string,
    readonly version: number,
    readonly model: OnnxRuntimeModel,
    readonly metrics: ModelMetrics | undefined,
  ) {}

  get label(): string {
    return `runtime-profile@${this.version}`;
  }

  acquire(): void {
    this.inflight += 1;
  }

  async release(): Promise<void> {
    this.inflight -= 1;
    if (this.retired && this.inflight === 0) await this.model.release();
  }

  /** Stops taking new requests; frees the session when the in-flight ones are done. */
  async retire(): Promise<void> {
    this.retired = true;
    if (this.inflight === 0) await this.model.release();
  }
}
