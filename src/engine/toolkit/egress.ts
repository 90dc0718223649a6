/**
 * The egress guard: every destination a tenant's config picks (a database host, a REST base
 * URL, an OAuth token_uri, a Salesforce instance_url, a warehouse host, each redirect hop) is
 * checked here before a socket is opened, so no tenant can reach loopback, private,
 * link-local, unique-local, CGNAT or cloud-metadata addresses unless the operator allows them,
 * and a refusal reveals nothing about which local ports are open.
 *
 * The Worker's vars decide (README "Egress"):
 * - `FIVETRAN_EGRESS_ALLOW`: comma-separated exceptions. `loopback` (127/8, ::1 and the
 *   `localhost` names), `private` (RFC 1918 and IPv6 unique-local fc00::/7), CIDRs
 *   (`10.1.0.0/16`, `fd00::/8`), exact host names (`db.internal`) and `*.suffix` names.
 *   Unset is production: nothing non-public is reachable. `npm start` and the tests set
 *   `loopback`.
 * - `FIVETRAN_EGRESS_DOH`: a DNS-over-HTTPS JSON endpoint (`https://cloudflare-dns.com/dns-query`).
 *   When set, host names are resolved (A and AAAA) and refused when any answer is not allowed.
 *   Workers have no DNS API, so without it only literal addresses and names are judged.
 *   This cannot stop DNS rebinding between our lookup and the runtime's own; it stops the plain
 *   case of a name that points at a private address.
 * - `FIVETRAN_CONNECT_TIMEOUT_MS` (10 s), `FIVETRAN_QUERY_TIMEOUT_MS` (120 s),
 *   `FIVETRAN_LOCK_TIMEOUT_MS` (15 s), `FIVETRAN_HTTP_TIMEOUT_MS` (30 s): the bounds of every
 *   connect, database query, destination lock wait, and HTTP request (until its headers).
 *
 * Bare names without a dot (`postgres`, `db`) are refused unless listed by name: on
 * Cloudflare's network they resolve to nothing useful, and on a developer's machine or in a
 * container they resolve through search domains to private hosts the operator never named.
 */
import ipaddr from "ipaddr.js";
import type { Env } from "../../env";
import { logWarning } from "../../lib/log";
import { ConfigurationError, TransientError } from "../errors";
import type { TlsTrust } from "./tls";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** What an address is, for the policy and for messages. */
export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "carrier-grade NAT"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved";

/** The Worker's egress settings, read once per distinct set of vars. */
export interface EgressPolicy {
  loopback: boolean;
  private: boolean;
  cidrs: [Address, number][];
  /** Exact host names allowed (lowercase, no trailing dot). */
  hosts: Set<string>;
  /** `*.suffix` entries, stored as `.suffix`. */
  suffixes: string[];
  /** DNS-over-HTTPS JSON endpoint; undefined = no resolution check. */
  doh?: string;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  lockTimeoutMs: number;
  httpTimeoutMs: number;
  /** The fetch used for DoH lookups and sent requests (tests inject fakes); global fetch when absent. */
  fetch?: typeof fetch;
  /**
   * The TLS certificates this connection or destination approved (toolkit/tls.ts), set by the
   * connector context of one; absent elsewhere, where only the runtime's trust applies.
   */
  tls?: TlsTrust;
}

export type EgressEnv = Pick<
  Env,
  | "FIVETRAN_EGRESS_ALLOW"
  | "FIVETRAN_EGRESS_DOH"
  | "FIVETRAN_CONNECT_TIMEOUT_MS"
  | "FIVETRAN_QUERY_TIMEOUT_MS"
  | "FIVETRAN_LOCK_TIMEOUT_MS"
  | "FIVETRAN_HTTP_TIMEOUT_MS"
>;

const OPERATOR_HINT =
  "this server does not connect to private networks (an operator can allow it with FIVETRAN_EGRESS_ALLOW)";

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

const cache = new Map<string, EgressPolicy>();

/** The policy of a Worker's vars. A malformed entry is ignored loudly rather than widening anything. */
export function egressPolicy(env: EgressEnv): EgressPolicy {
  const key = JSON.stringify([
    env.FIVETRAN_EGRESS_ALLOW,
    env.FIVETRAN_EGRESS_DOH,
    env.FIVETRAN_CONNECT_TIMEOUT_MS,
    env.FIVETRAN_QUERY_TIMEOUT_MS,
    env.FIVETRAN_LOCK_TIMEOUT_MS,
    env.FIVETRAN_HTTP_TIMEOUT_MS,
  ]);
  const known = cache.get(key);
  if (known) return known;
  const policy: EgressPolicy = {
    loopback: false,
    private: false,
    cidrs: [],
    hosts: new Set(),
    suffixes: [],
    doh: env.FIVETRAN_EGRESS_DOH?.trim() || undefined,
    connectTimeoutMs: positive(env.FIVETRAN_CONNECT_TIMEOUT_MS, 10_000),
    queryTimeoutMs: positive(env.FIVETRAN_QUERY_TIMEOUT_MS, 120_000),
    lockTimeoutMs: positive(env.FIVETRAN_LOCK_TIMEOUT_MS, 15_000),
    httpTimeoutMs: positive(env.FIVETRAN_HTTP_TIMEOUT_MS, 30_000),
  };
  for (const raw of (env.FIVETRAN_EGRESS_ALLOW ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "loopback") policy.loopback = true;
    else if (entry === "private") policy.private = true;
    else if (entry.includes("/") && ipaddr.isValidCIDR(entry)) policy.cidrs.push(ipaddr.parseCIDR(entry));
    else if (parseAddress(entry)) {
      // One address, however it is spelled in a config (`127.0.0.2` also allows `0x7f.0.0.2`).
      const address = parseAddress(entry) as Address;
      policy.cidrs.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (entry.startsWith("*.") && entry.length > 2) policy.suffixes.push(entry.slice(1));
    else if (/^[a-z0-9.-]+$/.test(entry)) policy.hosts.add(entry.replace(/\.$/, ""));
    else logWarning("FIVETRAN_EGRESS_ALLOW: entry ignored", { entry });
  }
  cache.set(key, policy);
  return policy;
}

// ---------------------------------------------------------------------------------------
// Classification.

/** Cloud metadata services: refused even where their range (link-local, unique-local) is allowed by a keyword. */
const METADATA: [Address, number][] = [
  ipaddr.parseCIDR("169.254.169.254/32"), // AWS, GCP, Azure, OpenStack, DigitalOcean
  ipaddr.parseCIDR("169.254.170.2/32"), // AWS ECS task metadata
  ipaddr.parseCIDR("100.100.100.200/32"), // Alibaba Cloud
  ipaddr.parseCIDR("192.0.0.192/32"), // Oracle Cloud
  ipaddr.parseCIDR("fd00:ec2::254/128"), // AWS over IPv6
];

/** The IPv4 address an IPv6 address carries, for the forms that reach it (mapped, compatible, NAT64, 6to4). */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range: string = address.range();
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0] = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return v4(p6, p7);
  // IPv4-compatible ::a.b.c.d (deprecated, but some stacks still route it); :: and ::1 excluded.
  if ([p0, p1, p2, p3, p4, p5].every((x) => x === 0) && (p6 !== 0 || p7 > 1)) return v4(p6, p7);
  if (range === "6to4") return v4(p1, p2);
  return undefined;
}

/** Classifies a parsed address; IPv6 forms that embed an IPv4 address take that address's class. */
export function classifyAddress(address: Address): AddressClass {
  if (METADATA.some(([net, bits]) => address.kind() === net.kind() && address.match(net, bits))) return "metadata";
  if (address.kind() === "ipv6") {
    const inner = embeddedIPv4(address as ipaddr.IPv6);
    if (inner) return classifyAddress(inner);
  }
  switch (address.range() as string) {
    case "unicast":
      return "public";
    case "loopback":
      return "loopback";
    case "private":
    case "deprecatedSiteLocal":
      return "private";
    case "uniqueLocal":
      return "unique-local";
    case "linkLocal":
      return "link-local";
    case "carrierGradeNat":
      return "carrier-grade NAT";
    case "unspecified":
      return "unspecified";
    case "multicast":
      return "multicast";
    case "broadcast":
      return "broadcast";
    default:
      // Teredo, documentation, benchmarking, AMT, AS112, ORCHID, 240/4, …: nothing a
      // connector has reason to reach, and some (Teredo) tunnel to addresses we cannot see.
      return "reserved";
  }
}

/**
 * A literal address written any way a resolver or socket API accepts it: dotted, decimal
 * (`2130706433`), octal (`0177.0.0.1`), hex (`0x7f.1`), shorthand (`127.1`), IPv6 with or
 * without brackets and with a zone id (`fe80::1%eth0`). Undefined for a host name.
 */
export function parseAddress(host: string): Address | undefined {
  let text = host.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (text.endsWith(".") && !text.includes(":")) text = text.slice(0, -1);
  if (text.includes(":")) {
    const zoneless = text.replace(/%.*$/, "");
    return ipaddr.IPv6.isValid(zoneless) ? ipaddr.IPv6.parse(zoneless) : undefined;
  }
  // ipaddr.js accepts the classic inet_aton forms (decimal, octal, hex, 1-4 parts) here.
  return ipaddr.IPv4.isValid(text) ? ipaddr.IPv4.parse(text) : undefined;
}

function allowsAddress(policy: EgressPolicy, address: Address, kind: AddressClass): boolean {
  const plain = address.kind() === "ipv6" ? embeddedIPv4(address as ipaddr.IPv6) : undefined;
  const candidates = plain ? [address, plain] : [address];
  const inCidr = candidates.some((a) =>
    policy.cidrs.some(([net, bits]) => a.kind() === net.kind() && a.match(net, bits)),
  );
  if (inCidr) return true;
  if (kind === "public") return true;
  if (kind === "loopback") return policy.loopback;
  if (kind === "private" || kind === "unique-local") return policy.private;
  return false;
}

function article(kind: AddressClass): string {
  return /^([aeio]|unspec)/.test(kind) ? "an" : "a";
}

/** Why `address` (written `shown`) may not be reached, or undefined when it may. */
function refuseAddress(policy: EgressPolicy, shown: string, address: Address, via?: string): string | undefined {
  const kind = classifyAddress(address);
  if (allowsAddress(policy, address, kind)) return undefined;
  const what = kind === "metadata" ? "a cloud metadata address" : `${article(kind)} ${kind} address`;
  const subject = via ? `Host ${via} resolves to ${address.toString()}, ${what}` : `Host ${shown} is ${what}`;
  return `${subject}: ${OPERATOR_HINT}`;
}

const LOOPBACK_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$/;
const PRIVATE_NAMES = /\.(internal|local|localdomain|lan|intranet|corp|home|home\.arpa)$|^(instance-data|metadata)$/;

/** Lowercase, no brackets, no trailing dot: the form names are compared in. */
function bare(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

function listed(policy: EgressPolicy, name: string): boolean {
  return policy.hosts.has(name) || policy.suffixes.some((suffix) => name.endsWith(suffix));
}

/**
 * Why `host` may not be reached judging by the host alone (a literal address or a name), or
 * undefined. Synchronous: config validation uses it at create/PATCH; {@link assertHostAllowed}
 * adds the DNS check at connect time.
 */
export function hostRefusal(policy: EgressPolicy, host: string): string | undefined {
  const name = bare(host);
  if (!name) return "Host is empty";
  const address = parseAddress(name);
  if (address) return listed(policy, name) ? undefined : refuseAddress(policy, host.trim(), address);
  if (listed(policy, name)) return undefined;
  if (LOOPBACK_NAMES.test(name)) {
    return policy.loopback ? undefined : `Host ${name} is a loopback name: ${OPERATOR_HINT}`;
  }
  if (name === "metadata.google.internal" || name === "metadata.goog") {
    return `Host ${name} is a cloud metadata name: ${OPERATOR_HINT}`;
  }
  if (PRIVATE_NAMES.test(name)) return `Host ${name} is a private network name: ${OPERATOR_HINT}`;
  if (!name.includes(".")) {
    return `Host ${name} is not a fully qualified domain name: ${OPERATOR_HINT.replace("with", "by listing the name in")}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// DNS over HTTPS.

interface DohAnswer {
  type?: number;
  data?: string;
  TTL?: number;
}

const resolved = new Map<string, { addresses: string[]; until: number }>();

/** A and AAAA records of `name` from the DoH JSON API; cached for their TTL (at most 5 min). */
async function resolve(policy: EgressPolicy, name: string, signal?: AbortSignal): Promise<string[]> {
  const doh = policy.doh as string;
  const key = `${doh} ${name}`;
  const known = resolved.get(key);
  if (known && known.until > Date.now()) return known.addresses;
  const send = policy.fetch ?? fetch;
  const timeout = AbortSignal.timeout(policy.connectTimeoutMs);
  const addresses: string[] = [];
  let ttl = 300;
  for (const type of ["A", "AAAA"]) {
    const url = new URL(doh);
    url.searchParams.set("name", name);
    url.searchParams.set("type", type);
    let body: { Status?: number; Answer?: DohAnswer[] };
    try {
      const response = await send(url, {
        headers: { accept: "application/dns-json" },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!response.ok) throw new Error(`DNS-over-HTTPS answered ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new TransientError(
        `Could not check host ${name}: the DNS-over-HTTPS lookup failed (${error instanceof Error ? error.message : String(error)})`,
        undefined,
        { cause: error },
      );
    }
    for (const answer of body.Answer ?? []) {
      if ((answer.type === 1 || answer.type === 28) && typeof answer.data === "string") {
        addresses.push(answer.data);
        if (typeof answer.TTL === "number") ttl = Math.min(ttl, Math.max(0, answer.TTL));
      }
    }
  }
  resolved.set(key, { addresses, until: Date.now() + ttl * 1000 });
  return addresses;
}

/**
 * Throws a ConfigurationError when `host` may not be reached: the literal/name rules, then
 * (with FIVETRAN_EGRESS_DOH) every address the name resolves to. Runs before any socket opens.
 */
export async function assertHostAllowed(policy: EgressPolicy, host: string, signal?: AbortSignal): Promise<void> {
  const refusal = hostRefusal(policy, host);
  if (refusal) throw new ConfigurationError(refusal, "egress_refused");
  const name = bare(host);
  if (!policy.doh || parseAddress(name) || listed(policy, name)) return;
  for (const text of await resolve(policy, name, signal)) {
    const address = parseAddress(text);
    const why = address && refuseAddress(policy, text, address, name);
    if (why) throw new ConfigurationError(why, "egress_refused");
  }
}

/**
 * A host as `cloudflare:sockets` `connect()` and the drivers on it need it. pg-cloudflare
 * dials `${host}:${port}`, so an IPv6 literal must be bracketed (`[::1]:5432`); unbracketed,
 * `::1:5432` never completes. Zone ids are dropped (a Worker has no interfaces to name).
 */
export function socketHost(host: string): string {
  const name = bare(host);
  const address = parseAddress(name);
  if (address?.kind() === "ipv6") return `[${address.toString()}]`;
  if (address) return address.toString();
  return name;
}

/**
 * Checks `host` and returns its socket form: what every TCP connector calls before opening a
 * connection (the policy may have changed since the config was stored).
 */
export async function checkedSocketHost(policy: EgressPolicy, host: string, signal?: AbortSignal): Promise<string> {
  await assertHostAllowed(policy, host, signal);
  return socketHost(host);
}

// ---------------------------------------------------------------------------------------
// Timeouts.

function seconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * Races `work` against `ms`: on expiry `onTimeout` runs (to tear the connection down) and a
 * TransientError saying `what` timed out after how long is thrown.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new TransientError(`${what} timed out after ${seconds(ms)}`));
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export { seconds as describeDuration };

// ---------------------------------------------------------------------------------------
// Guarded fetch.

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Headers that travel to another origin on a redirect. An allow-list, not a deny-list of
 * `authorization`/`cookie`: vendors carry credentials in headers of their own naming
 * (`X-Api-Key`, `X-Shopify-Access-Token`, `Private-Token`, `X-Amz-Security-Token`,
 * `DD-API-KEY`…), and a deny-list forgets the next one.
 */
const CROSS_ORIGIN_HEADERS = new Set(["accept", "accept-encoding", "accept-language", "content-type", "user-agent"]);

type ReplayableBody = string | ArrayBuffer | ArrayBufferView | URLSearchParams | Blob | FormData;

function replayable(body: unknown): body is ReplayableBody {
  return (
    typeof body === "string" ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof FormData
  );
}

function assertScheme(url: URL): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(
      `Refusing to fetch ${url.protocol} URLs: only http and https are allowed`,
      "egress_refused",
    );
  }
}

/**
 * `fetch` for connectors: each hop's host is checked before it is contacted, redirects are
 * followed here (at most 5) instead of by the runtime so every hop is checked, a cross-origin
 * hop carries only {@link CROSS_ORIGIN_HEADERS}, a 303 (and a 301/302 of a POST) continues as
 * a GET without the body, and the wait for response headers is bounded by the policy's HTTP
 * timeout (a TransientError naming the host). The body's own reading is bounded by the
 * caller's signal (the slice's budget), since a large download may rightly take longer.
 */
export function guardedFetch(policy: EgressPolicy, outer?: AbortSignal): typeof fetch {
  return async (input, init) => {
    const first = new Request(input, init);
    let url = new URL(first.url);
    let method = first.method;
    let headers = new Headers(first.headers);
    // The first hop sends the caller's request itself (its body keeps its length, as a signed
    // upload needs); a later hop re-sends only a body given as a replayable value.
    let body: BodyInit | null | undefined = replayable(init?.body) ? init.body : first.body;
    const canReplay = body === null || replayable(body);
    const signals = [init?.signal, outer].filter((s): s is AbortSignal => s instanceof AbortSignal);
    for (let hop = 0; ; hop++) {
      assertScheme(url);
      await assertHostAllowed(policy, url.hostname, signals[0]);
      const limit = new AbortController();
      const timer = setTimeout(
        () =>
          limit.abort(
            new TransientError(`HTTP request to ${url.host} timed out after ${seconds(policy.httpTimeoutMs)}`),
          ),
        policy.httpTimeoutMs,
      );
      const signal = AbortSignal.any([...signals, limit.signal]);
      let response: Response;
      try {
        const send = policy.fetch ?? fetch;
        response = await send(
          hop === 0
            ? new Request(first, { redirect: "manual", signal })
            : new Request(url, { method, headers, body, redirect: "manual", signal }),
        );
      } catch (error) {
        if (limit.signal.aborted && !signals.some((s) => s.aborted)) throw limit.signal.reason;
        throw error;
      } finally {
        clearTimeout(timer);
      }
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || !location) return response;
      await response.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS) {
        throw new TransientError(
          `HTTP request to ${first.url.split("?")[0]} was redirected more than ${MAX_REDIRECTS} times`,
        );
      }
      const next = new URL(location, url);
      const toGet =
        response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST");
      if (toGet) {
        if (method !== "HEAD") method = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      } else if (body && !canReplay) {
        throw new ConfigurationError(
          `${url.host} redirected a streamed request body (${response.status}); use the final URL in the configuration`,
          "redirect_with_body",
        );
      }
      if (next.origin !== url.origin) {
        const kept = new Headers();
        for (const [name, value] of headers) if (CROSS_ORIGIN_HEADERS.has(name.toLowerCase())) kept.set(name, value);
        headers = kept;
      }
      url = next;
    }
  };
}

// ---------------------------------------------------------------------------------------
// Remote text in messages.

/**
 * The one way remote text (a response body, a vendor's error message, a driver's message that
 * quotes the server) enters a setup-test message or an error: markup and control characters
 * stripped, whitespace collapsed, at most `max` characters. A body is the other side's choice;
 * echoing it whole would let a tenant read whatever a reached service says.
 */
export function excerpt(text: string, max = 200): string {
  const flat = text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
