-- DropIndex
DROP INDEX "pool_containers_profileHash_imageRef_state_idx";

-- AlterTable
ALTER TABLE "warm_pools" DROP CONSTRAINT "warm_pools_pkey",
ADD CONSTRAINT "warm_pools_pkey" PRIMARY KEY ("namespace", "profileHash");
