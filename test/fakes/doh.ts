/**
 * A fake DNS-over-HTTPS resolver speaking the JSON API of cloudflare-dns.com and dns.google
 * (`GET ?name=…&type=A|AAAA`, `accept: application/dns-json`): it answers from a fixed zone,
 * NXDOMAIN (Status 3) for names it does not know, and records every question.
 */
import { json } from "./fake-router";

export interface FakeDoh {
  fetch: typeof fetch;
  /** `name type` of every question asked, in order. */
  questions: string[];
}

const TYPES: Record<string, number> = { A: 1, AAAA: 28 };

/** `zone` maps a name to its addresses (IPv4 and IPv6 mixed); `failing` answers 503 to everything. */
export function createFakeDoh(zone: Record<string, string[]>, options: { failing?: boolean } = {}): FakeDoh {
  const questions: string[] = [];
  const handler = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const name = (url.searchParams.get("name") ?? "").toLowerCase();
    const type = url.searchParams.get("type") ?? "A";
    questions.push(`${name} ${type}`);
    if (options.failing) return new Response("unavailable", { status: 503 });
    if (request.headers.get("accept") !== "application/dns-json") return new Response("bad accept", { status: 415 });
    const addresses = zone[name];
    if (!addresses) return json({ Status: 3, Question: [{ name, type: TYPES[type] }], Answer: [] });
    const wanted = addresses.filter((a) => (type === "AAAA" ? a.includes(":") : !a.includes(":")));
    return json({
      Status: 0,
      Question: [{ name, type: TYPES[type] }],
      Answer: wanted.map((data) => ({ name, type: TYPES[type], TTL: 60, data })),
    });
  };
  return { fetch: handler as typeof fetch, questions };
}
