-- CreateEnum
CREATE TYPE "PoolContainerState" AS ENUM ('starting', 'idle', 'claimed', 'stopping');

-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "buildEnqueued" BOOLEAN,
ADD COLUMN     "imageMatch" TEXT,
ADD COLUMN     "lastActiveAt" TIMESTAMPTZ(3),
ADD COLUMN     "poolContainerId" UUID,
ADD COLUMN     "profileSource" TEXT;

-- AlterTable
ALTER TABLE "feedback" ADD COLUMN     "durationMs" DOUBLE PRECISION,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'provision';

-- CreateTable
CREATE TABLE "pool_containers" (
    "id" UUID NOT NULL,
    "profileHash" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "state" "PoolContainerState" NOT NULL,
    "imageRef" TEXT NOT NULL,
    "imageHash" TEXT NOT NULL,
    "imageMatch" TEXT NOT NULL,
    "containerId" TEXT,
    "dockerHost" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "memoryBytes" BIGINT NOT NULL,
    "nanoCpus" BIGINT NOT NULL,
    "environmentId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idleSince" TIMESTAMPTZ(3),
    "claimedAt" TIMESTAMPTZ(3),

    CONSTRAINT "pool_containers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warm_pools" (
    "profileHash" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "profile" JSONB NOT NULL,
    "profileId" UUID,
    "imageRef" TEXT NOT NULL,
    "imageHash" TEXT NOT NULL,
    "imageMatch" TEXT NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "minSize" INTEGER NOT NULL DEFAULT 0,
    "minSizeUntil" TIMESTAMPTZ(3),
    "floorUntil" TIMESTAMPTZ(3),
    "targetSize" INTEGER NOT NULL DEFAULT 0,
    "lastProvisionAt" TIMESTAMPTZ(3),
    "reconciledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warm_pools_pkey" PRIMARY KEY ("profileHash")
);

-- CreateIndex
CREATE INDEX "pool_containers_profileHash_imageRef_state_idx" ON "pool_containers"("profileHash", "imageRef", "state");

-- CreateIndex
CREATE INDEX "pool_containers_containerId_idx" ON "pool_containers"("containerId");
