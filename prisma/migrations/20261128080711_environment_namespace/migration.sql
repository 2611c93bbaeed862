-- AlterTable
ALTER TABLE "environments" ADD COLUMN     "namespace" TEXT NOT NULL DEFAULT 'tailor';

-- AlterTable
ALTER TABLE "pool_containers" ADD COLUMN     "namespace" TEXT NOT NULL DEFAULT 'tailor';

-- AlterTable
ALTER TABLE "warm_pools" ADD COLUMN     "namespace" TEXT NOT NULL DEFAULT 'tailor';
