/**
 * Grants of shared Worker bindings to accounts (see schema.ts `binding_grants`). The bootstrap
 * account holds every binding under the empty namespace without a row, unless it has a row of
 * its own, or another account was granted that binding's empty namespace.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { isUniqueViolation } from "../lib/ids";
import { isoTimestamp } from "../lib/time";
import type { Catalog } from "./client";
import { accounts, bindingGrants } from "./schema";

export type BindingGrantRow = typeof bindingGrants.$inferSelect;

/** An account's explicit grants, by binding name. */
export async function listGrants(db: Catalog, accountId: string): Promise<BindingGrantRow[]> {
  return db
    .select()
    .from(bindingGrants)
    .where(eq(bindingGrants.accountId, accountId))
    .orderBy(asc(bindingGrants.binding));
}

/** The explicit grant of `binding` whose namespace is `namespace`, whoever holds it. */
export async function grantByNamespace(
  db: Catalog,
  binding: string,
  namespace: string,
): Promise<BindingGrantRow | undefined> {
  return db
    .select()
    .from(bindingGrants)
    .where(and(eq(bindingGrants.binding, binding), eq(bindingGrants.namespace, namespace)))
    .get();
}

/**
 * Grants `binding` to the account under `namespace`, or moves its grant to that namespace.
 * "taken" when another account holds the namespace in this binding (the unique index decides,
 * so two concurrent grants cannot both win).
 */
export async function putGrant(
  db: Catalog,
  grant: { binding: string; accountId: string; namespace: string },
): Promise<{ row: BindingGrantRow; created: boolean } | "taken"> {
  const existing = await db
    .select()
    .from(bindingGrants)
    .where(and(eq(bindingGrants.binding, grant.binding), eq(bindingGrants.accountId, grant.accountId)))
    .get();
  try {
    const [row] = await db
      .insert(bindingGrants)
      .values({ ...grant, createdAt: isoTimestamp() })
      .onConflictDoUpdate({
        target: [bindingGrants.binding, bindingGrants.accountId],
        set: { namespace: grant.namespace },
      })
      .returning();
    return { row: row as BindingGrantRow, created: !existing };
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
}

/** Revokes the account's grant of `binding`; false when it held none. */
export async function deleteGrant(db: Catalog, accountId: string, binding: string): Promise<boolean> {
  const rows = await db
    .delete(bindingGrants)
    .where(and(eq(bindingGrants.binding, binding), eq(bindingGrants.accountId, accountId)))
    .returning();
  return rows.length > 0;
}

/**
 * The namespace the account holds in each of `names` (absent: not granted). The bootstrap
 * account holds a binding it has no row for under the empty namespace, unless another account
 * was granted that namespace.
 */
export async function resolveGrants(db: Catalog, accountId: string, names: string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (names.length === 0) return held;
  const [account, rows] = await Promise.all([
    db.select({ bootstrap: accounts.bootstrap }).from(accounts).where(eq(accounts.id, accountId)).get(),
    db
      .select()
      .from(bindingGrants)
      .where(and(eq(bindingGrants.accountId, accountId), inArray(bindingGrants.binding, names))),
  ]);
  for (const row of rows) held.set(row.binding, row.namespace);
  const implicit = names.filter((name) => !held.has(name));
  if (account?.bootstrap && implicit.length > 0) {
    const others = await db
      .select({ binding: bindingGrants.binding })
      .from(bindingGrants)
      .where(
        and(
          inArray(bindingGrants.binding, implicit),
          eq(bindingGrants.namespace, ""),
          ne(bindingGrants.accountId, accountId),
        ),
      );
    const takenByOthers = new Set(others.map((row) => row.binding));
    for (const name of implicit) if (!takenByOthers.has(name)) held.set(name, "");
  }
  return held;
}

/**
 * For each of `names`: the non-empty namespaces granted in it to accounts other than
 * `accountId` (the empty-namespace holder's names must stay out of them).
 */
export async function otherNamespaces(db: Catalog, accountId: string, names: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(names.map((name) => [name, []]));
  if (names.length === 0) return out;
  const rows = await db
    .select({ binding: bindingGrants.binding, namespace: bindingGrants.namespace })
    .from(bindingGrants)
    .where(
      and(
        inArray(bindingGrants.binding, names),
        ne(bindingGrants.namespace, ""),
        ne(bindingGrants.accountId, accountId),
      ),
    );
  for (const row of rows) out.get(row.binding)?.push(row.namespace);
  return out;
}

/** The bootstrap account's id, if it exists yet. */
export async function bootstrapAccountId(db: Catalog): Promise<string | undefined> {
  return (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.bootstrap, true)).get())?.id;
}
