-- AlterTable
ALTER TABLE "endpoint_rollups" ADD COLUMN     "executionTimeHistogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "heapUsedMax" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "ioReadBytesSum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "ioWriteBytesSum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "requestBytesSum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "responseBytesSum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "rssHistogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "rssMax" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ingest_batches" ADD COLUMN     "agentInstanceId" TEXT,
ADD COLUMN     "droppedInvocations" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ingest_batches_receivedAt_idx" ON "ingest_batches"("receivedAt");
