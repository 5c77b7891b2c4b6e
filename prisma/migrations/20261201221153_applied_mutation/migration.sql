-- CreateTable
CREATE TABLE "AppliedMutation" (
    "actorId" TEXT NOT NULL,
    "clientMutationId" TEXT NOT NULL,
    "mapId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppliedMutation_pkey" PRIMARY KEY ("actorId","clientMutationId")
);

-- CreateIndex
CREATE INDEX "AppliedMutation_mapId_idx" ON "AppliedMutation"("mapId");
