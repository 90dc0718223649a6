/**
 * DestinationDO: one object per destination (a group's warehouse, lake or database). It
 * holds the target schemas as last applied (tables, columns, types) and serialises every
 * DDL statement against the destination, so two connections writing into one destination
 * never race to create or alter the same table. Data itself is written by the sync
 * consumer, not through this object.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class DestinationDO extends DurableObject<Env> {}
