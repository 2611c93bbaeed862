-- CreateEnum
CREATE TYPE "RollupGranularity" AS ENUM ('minute', 'hour');

-- CreateEnum
CREATE TYPE "ImageStatus" AS ENUM ('building', 'ready', 'failed');

-- CreateEnum
CREATE TYPE "EnvironmentState" AS ENUM ('creating', 'running', 'failed', 'removed');

-- CreateEnum
CREATE TYPE "ProvisionPath" AS ENUM ('warm_hit', 'cold_specialized', 'cold_fallback');

-- CreateEnum
CREATE TYPE "ProvisionOutcome" AS ENUM ('warm', 'cold');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('training', 'candidate', 'champion', 'retired', 'rejected');

-- CreateTable
CREATE TABLE "profiling_events" (
    "id" BIGSERIAL NOT NULL,
    "batchId" UUID NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "languageVersion" TEXT NOT NULL,
    "libraries" JSONB NOT NULL,
    "invocations" INTEGER NOT NULL DEFAULT 1,
    "cpuTimeMs" DOUBLE PRECISION NOT NULL,
    "rssBytes" BIGINT NOT NULL,
    "heapUsedBytes" BIGINT NOT NULL,
    "peakRssBytes" BIGINT NOT NULL,
    "ioReadBytes" BIGINT NOT NULL DEFAULT 0,
    "ioWriteBytes" BIGINT NOT NULL DEFAULT 0,
    "requestBytes" BIGINT NOT NULL DEFAULT 0,
    "responseBytes" BIGINT NOT NULL DEFAULT 0,
    "executionTimeMs" DOUBLE PRECISION NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "profiling_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_batches" (
    "id" UUID NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoint_rollups" (
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "granularity" "RollupGranularity" NOT NULL,
    "bucketStart" TIMESTAMPTZ(3) NOT NULL,
    "invocations" INTEGER NOT NULL,
    "executionTimeSum" DOUBLE PRECISION NOT NULL,
    "executionTimeMax" DOUBLE PRECISION NOT NULL,
    "cpuTimeSum" DOUBLE PRECISION NOT NULL,
    "peakRssMax" BIGINT NOT NULL,
    "libraryCounts" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "endpoint_rollups_pkey" PRIMARY KEY ("applicationId","endpointId","granularity","bucketStart")
);

-- CreateTable
CREATE TABLE "runtime_profiles" (
    "id" UUID NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "profile" JSONB NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "modelVersionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runtime_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runtime_images" (
    "contentHash" TEXT NOT NULL,
    "imageRef" TEXT NOT NULL,
    "imageId" TEXT,
    "status" "ImageStatus" NOT NULL,
    "failureReason" TEXT,
    "sizeBytes" BIGINT,
    "libraries" TEXT[],
    "hits" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_images_pkey" PRIMARY KEY ("contentHash")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" UUID NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "state" "EnvironmentState" NOT NULL,
    "path" "ProvisionPath",
    "profileId" UUID,
    "imageRef" TEXT,
    "imageHash" TEXT,
    "containerId" TEXT,
    "dockerHost" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "memoryBytes" BIGINT,
    "nanoCpus" BIGINT,
    "correlationId" TEXT,
    "timings" JSONB,
    "failureReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMPTZ(3),
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback" (
    "id" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "outcome" "ProvisionOutcome" NOT NULL,
    "timeToReadyMs" DOUBLE PRECISION NOT NULL,
    "librariesMissed" TEXT[],
    "preloadsUnused" TEXT[],
    "memoryPeakBytes" BIGINT,
    "imageUsedHash" TEXT,
    "imagePredictedHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ModelStatus" NOT NULL,
    "dataWindowStart" TIMESTAMPTZ(3),
    "dataWindowEnd" TIMESTAMPTZ(3),
    "metrics" JSONB,
    "artifact" BYTEA,
    "statusReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" TIMESTAMPTZ(3),

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "profiling_events_applicationId_endpointId_recordedAt_idx" ON "profiling_events"("applicationId", "endpointId", "recordedAt");

-- CreateIndex
CREATE INDEX "profiling_events_recordedAt_idx" ON "profiling_events"("recordedAt");

-- CreateIndex
CREATE INDEX "runtime_profiles_contentHash_idx" ON "runtime_profiles"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "runtime_profiles_applicationId_endpointId_version_key" ON "runtime_profiles"("applicationId", "endpointId", "version");

-- CreateIndex
CREATE INDEX "runtime_images_status_lastUsedAt_idx" ON "runtime_images"("status", "lastUsedAt");

-- CreateIndex
CREATE INDEX "environments_state_idx" ON "environments"("state");

-- CreateIndex
CREATE INDEX "environments_applicationId_endpointId_idx" ON "environments"("applicationId", "endpointId");

-- CreateIndex
CREATE INDEX "feedback_applicationId_endpointId_createdAt_idx" ON "feedback"("applicationId", "endpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_kind_version_key" ON "model_versions"("kind", "version");

-- AddForeignKey
ALTER TABLE "runtime_profiles" ADD CONSTRAINT "runtime_profiles_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "runtime_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "environments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
