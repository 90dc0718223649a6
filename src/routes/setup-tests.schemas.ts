import { z } from "@hono/zod-openapi";

/** One setup test result as connections and destinations return it (Fivetran's shape). */
export const setupTestSchema = z
  .object({
    title: z.string(),
    status: z.enum(["PASSED", "SKIPPED", "WARNING", "FAILED", "JOB_FAILED"]),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .openapi("SetupTest");
