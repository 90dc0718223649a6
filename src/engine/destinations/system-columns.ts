/** Fivetran's system columns, by the names every destination writes them under. */
export const SYNCED = "_fivetran_synced";
export const DELETED = "_fivetran_deleted";
/** A keyless table's row id (a hash of the row's values). */
export const ROW_ID = "_fivetran_id";
/** History mode's version columns. */
export const START = "_fivetran_start";
export const END = "_fivetran_end";
export const ACTIVE = "_fivetran_active";
