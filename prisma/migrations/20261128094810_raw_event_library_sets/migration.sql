-- DropIndex
DROP INDEX "profiling_events_applicationId_endpointId_recordedAt_idx";

-- AlterTable
ALTER TABLE "profiling_events" ADD COLUMN     "librarySetHash" TEXT,
ALTER COLUMN "libraries" DROP NOT NULL;

-- CreateTable
CREATE TABLE "library_sets" (
    "hash" TEXT NOT NULL,
    "libraries" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "library_sets_pkey" PRIMARY KEY ("hash")
);
