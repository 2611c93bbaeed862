-- The stored kinds become enums: every stored value is one of them, so existing rows convert in place.

-- CreateEnum
CREATE TYPE "ImageMatch" AS ENUM ('exact', 'covering', 'base');

-- CreateEnum
CREATE TYPE "ProfileResolution" AS ENUM ('predicted', 'cached', 'last_known', 'default');

-- CreateEnum
CREATE TYPE "FeedbackKind" AS ENUM ('provision', 'invocation');

-- AlterTable
ALTER TABLE "environments"
  ALTER COLUMN "imageMatch" TYPE "ImageMatch" USING "imageMatch"::"ImageMatch",
  ALTER COLUMN "profileSource" TYPE "ProfileResolution" USING "profileSource"::"ProfileResolution";

-- AlterTable
ALTER TABLE "feedback" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "feedback" ALTER COLUMN "kind" TYPE "FeedbackKind" USING "kind"::"FeedbackKind";
ALTER TABLE "feedback" ALTER COLUMN "kind" SET DEFAULT 'provision';

-- AlterTable
ALTER TABLE "pool_containers" ALTER COLUMN "imageMatch" TYPE "ImageMatch" USING "imageMatch"::"ImageMatch";

-- AlterTable
ALTER TABLE "warm_pools" ALTER COLUMN "imageMatch" TYPE "ImageMatch" USING "imageMatch"::"ImageMatch";
