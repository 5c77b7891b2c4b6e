-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "title" TEXT;
