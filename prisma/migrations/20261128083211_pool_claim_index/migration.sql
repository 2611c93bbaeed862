-- CreateIndex
CREATE INDEX "pool_containers_namespace_profileHash_imageRef_state_idleSi_idx" ON "pool_containers"("namespace", "profileHash", "imageRef", "state", "idleSince");
