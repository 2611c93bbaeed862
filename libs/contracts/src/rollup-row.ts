/** One endpoint rollup row (minute or hour granularity of `endpoint_rollups`): written by profiler-ingest, read by the predictor. */
export interface RollupRow {
  applicationId: string;
  endpointId: string;
  bucketStart: Date | number;
  invocations: number;
  executionTimeSum: number;
  cpuTimeSum: number;
  peakRssMax: bigint | number;
  /** "<library>@<version>" → invocations that had it loaded */
  libraryCounts: Record<string, number>;
}
