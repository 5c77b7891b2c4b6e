-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "data" JSONB,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "scheme" TEXT;
