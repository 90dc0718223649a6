/**
 * The egress guard (src/engine/toolkit/egress.ts): the address classifier on every spelling a
 * resolver or socket API accepts, the policy read from FIVETRAN_EGRESS_ALLOW, names refused by
 * name, the DNS-over-HTTPS check against a fake resolver, and the guarded fetch's redirect
 * handling (each hop checked, credentials dropped across origins, no body after a 303).
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError, TransientError } from "../../../src/engine/errors";
import {
  assertHostAllowed,
  classifyAddress,
  type EgressPolicy,
  egressPolicy,
  excerpt,
  guardedFetch,
  hostRefusal,
  parseAddress,
  socketHost,
} from "../../../src/engine/toolkit/egress";
import { createFakeDoh } from "../../fakes/doh";

const PRODUCTION = egressPolicy({});
const LOOPBACK = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "loopback" });

function classOf(host: string) {
  const address = parseAddress(host);
  if (!address) throw new Error(`${host} did not parse as an address`);
  return classifyAddress(address);
}

describe("classifying literal addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"], // decimal
    ["0177.0.0.1", "loopback"], // octal
    ["0x7f.1", "loopback"], // hex, shorthand
    ["0x7f000001", "loopback"],
    ["127.1", "loopback"], // shorthand
    ["127.0.0.1.", "loopback"], // trailing dot
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"], // IPv4-mapped
    ["[::ffff:7f00:1]", "loopback"],
    ["::127.0.0.1", "loopback"], // IPv4-compatible
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::10.0.0.1", "private"], // NAT64 with a private IPv4 inside
    ["64:ff9b::a9fe:a9fe", "metadata"], // NAT64 of 169.254.169.254
    ["2002:c0a8:0101::1", "private"], // 6to4 of 192.168.1.1
    ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["fd00::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["fe80::1%eth0", "link-local"], // zone id
    ["[fe80::1%25eth0]", "link-local"],
    ["169.254.1.1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["100.100.100.200", "metadata"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"], // documentation
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"], // Teredo: tunnels to an address we cannot see
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::808:808", "public"],
  ])("%s is %s", (host, kind) => {
    expect(classOf(host)).toBe(kind);
  });

  it("does not take host names for addresses", () => {
    for (const name of ["db.example.com", "1.2.3.4.nip.io", "0x7f.example", "localhost", "fe80"]) {
      expect(parseAddress(name)).toBeUndefined();
    }
  });
});

describe("the policy", () => {
  it("refuses every non-public address in production, naming the class and the var", () => {
    expect(hostRefusal(PRODUCTION, "127.0.0.1")).toBe(
      "Host 127.0.0.1 is a loopback address: this server does not connect to private networks (an operator can allow it with FIVETRAN_EGRESS_ALLOW)",
    );
    expect(hostRefusal(PRODUCTION, "169.254.169.254")).toMatch(
      /^Host 169\.254\.169\.254 is a cloud metadata address: /,
    );
    expect(hostRefusal(PRODUCTION, "0x7f.1")).toMatch(/^Host 0x7f\.1 is a loopback address/);
    expect(hostRefusal(PRODUCTION, "[::1]")).toMatch(/is a loopback address/);
    expect(hostRefusal(PRODUCTION, "fd12::1")).toMatch(/is a unique-local address/);
    expect(hostRefusal(PRODUCTION, "100.64.1.1")).toMatch(/is a carrier-grade NAT address/);
    expect(hostRefusal(PRODUCTION, "8.8.8.8")).toBeUndefined();
    expect(hostRefusal(PRODUCTION, "db.example.com")).toBeUndefined();
  });

  it("refuses private names by name, and bare names without a dot", () => {
    for (const name of [
      "localhost",
      "LOCALHOST.",
      "api.localhost",
      "metadata.google.internal",
      "db.internal",
      "printer.local",
      "instance-data",
      "postgres",
    ]) {
      expect(hostRefusal(PRODUCTION, name), name).toMatch(/this server does not connect to private networks/);
    }
    expect(hostRefusal(PRODUCTION, "metadata.google.internal")).toMatch(/cloud metadata name/);
    expect(hostRefusal(PRODUCTION, "postgres")).toMatch(
      /not a fully qualified domain name.*listing the name in FIVETRAN_EGRESS_ALLOW/,
    );
  });

  it("`loopback` allows 127/8, ::1 and the localhost names, and nothing else private", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", "x.localhost"]) {
      expect(hostRefusal(LOOPBACK, host), host).toBeUndefined();
    }
    for (const host of ["10.0.0.1", "169.254.169.254", "fd00::1", "0.0.0.0", "db.internal"]) {
      expect(hostRefusal(LOOPBACK, host), host).toBeDefined();
    }
  });

  it("`private` allows RFC 1918 and unique-local, never link-local or metadata", () => {
    const policy = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "private" });
    for (const host of ["10.0.0.1", "172.31.255.255", "192.168.0.10", "fd00::5", "::ffff:10.0.0.1"]) {
      expect(hostRefusal(policy, host), host).toBeUndefined();
    }
    for (const host of ["127.0.0.1", "169.254.169.254", "fd00:ec2::254", "fe80::1", "100.64.0.1"]) {
      expect(hostRefusal(policy, host), host).toBeDefined();
    }
  });

  it("CIDRs and host names allow exactly what they name", () => {
    const policy = egressPolicy({
      FIVETRAN_EGRESS_ALLOW: " 10.1.0.0/16, fd00:1::/32, db.internal, *.corp.example, not a cidr/99 ",
    });
    expect(hostRefusal(policy, "10.1.200.3")).toBeUndefined();
    expect(hostRefusal(policy, "::ffff:10.1.0.9")).toBeUndefined();
    expect(hostRefusal(policy, "10.2.0.1")).toBeDefined();
    expect(hostRefusal(policy, "fd00:1::7")).toBeUndefined();
    expect(hostRefusal(policy, "fd00:2::7")).toBeDefined();
    expect(hostRefusal(policy, "db.internal")).toBeUndefined();
    expect(hostRefusal(policy, "other.internal")).toBeDefined();
    expect(hostRefusal(policy, "pg.corp.example")).toBeUndefined();
    expect(policy.cidrs).toHaveLength(2);
    const one = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "127.0.0.2, ::1" });
    expect(hostRefusal(one, "0x7f.0.0.2")).toBeUndefined();
    expect(hostRefusal(one, "[0:0::1]")).toBeUndefined();
    expect(hostRefusal(one, "127.0.0.1")).toBeDefined();
  });

  it("reads the timeouts from their vars, with defaults", () => {
    expect(PRODUCTION).toMatchObject({
      connectTimeoutMs: 10_000,
      httpTimeoutMs: 30_000,
      queryTimeoutMs: 120_000,
      lockTimeoutMs: 15_000,
    });
    expect(egressPolicy({ FIVETRAN_CONNECT_TIMEOUT_MS: "250", FIVETRAN_HTTP_TIMEOUT_MS: "nonsense" })).toMatchObject({
      connectTimeoutMs: 250,
      httpTimeoutMs: 30_000,
    });
  });
});

describe("the socket form of a host", () => {
  it("brackets IPv6 literals (connect('::1:5432') cannot be parsed) and canonicalises the rest", () => {
    expect(socketHost("::1")).toBe("[::1]");
    expect(socketHost("[::1]")).toBe("[::1]");
    expect(socketHost("fe80::1%eth0")).toBe("[fe80::1]");
    expect(socketHost("0x7f.1")).toBe("127.0.0.1");
    expect(socketHost("DB.Example.COM.")).toBe("db.example.com");
  });
});

describe("DNS over HTTPS", () => {
  const zone = {
    "db.example.com": ["93.184.216.34", "2606:2800:220:1::10"],
    "sneaky.example.com": ["8.8.8.8", "10.0.0.5"],
    "v6.example.com": ["::1"],
    "meta.example.com": ["169.254.169.254"],
  };
  const withDoh = (doh: ReturnType<typeof createFakeDoh>, allow?: string): EgressPolicy => ({
    ...egressPolicy({
      FIVETRAN_EGRESS_ALLOW: allow,
      FIVETRAN_EGRESS_DOH: `https://doh-${crypto.randomUUID()}.example/dns-query`,
    }),
    fetch: doh.fetch,
  });

  it("refuses a name any of whose A or AAAA answers is private", async () => {
    const doh = createFakeDoh(zone);
    const policy = withDoh(doh);
    await expect(assertHostAllowed(policy, "sneaky.example.com")).rejects.toThrow(
      "Host sneaky.example.com resolves to 10.0.0.5, a private address: this server does not connect to private networks",
    );
    await expect(assertHostAllowed(policy, "v6.example.com")).rejects.toThrow(/resolves to ::1, a loopback address/);
    await expect(assertHostAllowed(policy, "meta.example.com")).rejects.toBeInstanceOf(ConfigurationError);
    await expect(assertHostAllowed(policy, "db.example.com")).resolves.toBeUndefined();
    expect(doh.questions).toContain("sneaky.example.com A");
    expect(doh.questions).toContain("db.example.com AAAA");
  });

  it("caches answers for their TTL, and asks nothing for literals or listed names", async () => {
    const doh = createFakeDoh(zone);
    const policy = withDoh(doh, "listed.example.com");
    await assertHostAllowed(policy, "db.example.com");
    await assertHostAllowed(policy, "db.example.com");
    await assertHostAllowed(policy, "8.8.8.8");
    await assertHostAllowed(policy, "listed.example.com");
    expect(doh.questions).toEqual(["db.example.com A", "db.example.com AAAA"]);
  });

  it("fails closed with a TransientError when the resolver fails", async () => {
    const policy = withDoh(createFakeDoh(zone, { failing: true }));
    const error = await assertHostAllowed(policy, "db.example.com").catch((e) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(
      /Could not check host db\.example\.com: the DNS-over-HTTPS lookup failed \(DNS-over-HTTPS answered 503\)/,
    );
  });

  it("is off without FIVETRAN_EGRESS_DOH", async () => {
    const doh = createFakeDoh(zone);
    await assertHostAllowed({ ...PRODUCTION, fetch: doh.fetch }, "sneaky.example.com");
    expect(doh.questions).toEqual([]);
  });
});

/** A network of fake origins: each answers by its host; every request is recorded. */
function network(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  const seen: { url: string; method: string; headers: Record<string, string>; body: string }[] = [];
  const send = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : "";
    seen.push({ url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body });
    expect(request.redirect, "the guard follows redirects itself").toBe("manual");
    const route = routes[new URL(request.url).host];
    if (!route) throw new TypeError(`fake network: no route to ${request.url}`);
    return route(request);
  };
  return { fetch: send as typeof fetch, seen };
}

const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });

describe("the guarded fetch", () => {
  it("refuses a private host before sending anything", async () => {
    const net = network({});
    const guarded = guardedFetch({ ...PRODUCTION, fetch: net.fetch });
    for (const url of [
      "http://127.0.0.1:5432/",
      "http://[::1]/",
      "http://0x7f.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://metadata.google.internal/",
      "http://2130706433/",
    ]) {
      await expect(guarded(url), url).rejects.toThrow(/this server does not connect to private networks/);
    }
    await expect(guarded("ftp://files.example.com/x")).rejects.toThrow(/only http and https/);
    expect(net.seen).toEqual([]);
  });

  it("checks every redirect hop: a public URL redirecting to loopback, private or metadata is refused", async () => {
    for (const target of [
      "http://127.0.0.1:8080/admin",
      "http://10.0.0.7/",
      "http://169.254.169.254/latest/meta-data/iam",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      const net = network({ "api.example.com": () => redirect(target) });
      const guarded = guardedFetch({ ...PRODUCTION, fetch: net.fetch });
      await expect(guarded("https://api.example.com/start"), target).rejects.toThrow(
        /does not connect to private networks/,
      );
      expect(net.seen.map((r) => r.url)).toEqual(["https://api.example.com/start"]);
    }
  });

  it("follows a redirect to an allowed host: exactly the one loopback origin a CIDR allows", async () => {
    const policy = egressPolicy({ FIVETRAN_EGRESS_ALLOW: "127.0.0.2/32" });
    const net = network({
      "api.example.com": () => redirect("http://127.0.0.2:9000/ok"),
      "127.0.0.2:9000": () => new Response("fine"),
      "127.0.0.1:9000": () => new Response("must not be reached"),
    });
    const guarded = guardedFetch({ ...policy, fetch: net.fetch });
    expect(await (await guarded("https://api.example.com/")).text()).toBe("fine");
    await expect(guarded("http://127.0.0.1:9000/")).rejects.toThrow(/loopback address/);
    expect(net.seen.map((r) => r.url)).toEqual(["https://api.example.com/", "http://127.0.0.2:9000/ok"]);
  });

  it("drops every credential-bearing header on a cross-origin hop, keeps them on the same origin", async () => {
    const net = network({
      "api.example.com": (request) =>
        new URL(request.url).pathname === "/a" ? redirect("/b", 307) : redirect("https://cdn.example.net/c", 302),
      "cdn.example.net": () => new Response("done"),
    });
    const guarded = guardedFetch({ ...PRODUCTION, fetch: net.fetch });
    const headers = {
      Authorization: "Bearer secret-token",
      "X-Api-Key": "key-123",
      "X-Shopify-Access-Token": "shpat_abc",
      Cookie: "session=1",
      "Private-Token": "glpat-x",
      Accept: "application/json",
      "User-Agent": "fivetran.do",
    };
    const response = await guarded("https://api.example.com/a", { headers });
    expect(await response.text()).toBe("done");
    expect(net.seen.map((r) => r.url)).toEqual([
      "https://api.example.com/a",
      "https://api.example.com/b",
      "https://cdn.example.net/c",
    ]);
    expect(net.seen[1]?.headers).toMatchObject({ authorization: "Bearer secret-token", "x-api-key": "key-123" });
    expect(net.seen[2]?.headers).toEqual({ accept: "application/json", "user-agent": "fivetran.do" });
  });

  it("continues a 303 (and a 302 of a POST) as a GET without the body; a 307 re-sends it", async () => {
    for (const [status, method, body] of [
      [303, "GET", ""],
      [302, "GET", ""],
      [307, "POST", "grant_type=x"],
    ] as const) {
      const net = network({
        "auth.example.com": () => redirect("https://auth.example.com/next", status),
      });
      let hops = 0;
      const guarded = guardedFetch({
        ...PRODUCTION,
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
          const answer = await net.fetch(input, init);
          return hops++ === 0 ? answer : new Response("ok");
        }) as typeof fetch,
      });
      await guarded("https://auth.example.com/token", {
        method: "POST",
        body: "grant_type=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(net.seen[1], String(status)).toMatchObject({ method, body });
      if (status !== 307) expect(net.seen[1]?.headers["content-type"]).toBeUndefined();
    }
  });

  it("stops after 5 redirects", async () => {
    let n = 0;
    const net = network({ "loop.example.com": () => redirect(`/hop${++n}`) });
    const guarded = guardedFetch({ ...PRODUCTION, fetch: net.fetch });
    await expect(guarded("https://loop.example.com/")).rejects.toThrow("redirected more than 5 times");
    expect(net.seen).toHaveLength(6);
  });

  it("passes other answers through untouched", async () => {
    const net = network({ "api.example.com": () => new Response("{}", { status: 404 }) });
    const response = await guardedFetch({ ...PRODUCTION, fetch: net.fetch })("https://api.example.com/x");
    expect(response.status).toBe(404);
  });
});

describe("remote text in messages", () => {
  it("is stripped of markup and control characters and cut to 200 characters", () => {
    expect(
      excerpt(
        "<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Forbidden</h1>\u001b[31m red\r\n</body></html>",
      ),
    ).toBe("Forbidden [31m red");
    const long = excerpt(`${"x".repeat(500)}`);
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
  });
});
