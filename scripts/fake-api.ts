/**
 * Serves the declarative engine's fake JSON API (test/fakes/declarative-api.ts) on
 * http://127.0.0.1:8790 for the README's `declarative_manifest` example: 250 items paged by a
 * cursor, filtered by `updated_since`/`updated_until`, behind the API key `demo-key`.
 *
 *   npx tsx scripts/fake-api.ts
 */
import { makeItems, serveDeclarativeFake } from "../test/fakes/declarative-api";

const port = Number(process.env.PORT ?? 8790);
const served = await serveDeclarativeFake({ apiKey: "demo-key", items: makeItems(250), port });
console.log(`fake API on http://127.0.0.1:${served.port}/v1/items (X-Api-Key: demo-key); Ctrl-C stops it`);
