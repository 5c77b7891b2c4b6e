-- Until this migration the rate limiter created its table at run time. Its counters are disposable
-- (a dropped counter simply restarts), so an existing copy is replaced by the one the schema declares.
DROP TABLE IF EXISTS "crux_rate_limit";

-- CreateTable
CREATE TABLE "crux_rate_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "crux_rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "crux_sign_in_failure" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMPTZ(6) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "crux_sign_in_failure_pkey" PRIMARY KEY ("email")
);
