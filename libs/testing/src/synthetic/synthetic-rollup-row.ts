/**
 * One endpoint rollup as `endpoint_rollups` holds it: the shape of @tailor/runtime-model's RollupRow, declared here
 * so that test support does not depend on the libraries whose tests use it (the compiler checks the two agree
 * wherever synthetic rows are handed to the model).
 */
export interface SyntheticRollupRow {
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
