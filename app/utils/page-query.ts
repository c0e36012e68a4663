import { z } from "zod";

/** `?page=` for any paged list: junk gives page 1, never an error page. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
