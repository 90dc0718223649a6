/**
 * A transform in flight, as stored and as the API takes it: `{type: "sql", query}` (a single
 * SELECT over `{{ source }}`, the rows of one batch) or `{type: "function", fn}` (the source
 * text of a JavaScript/TypeScript-compiled function of one row). Set per connection (every
 * table) or per table in the schema config (that table only; it wins over the connection's).
 */

/** A SQL transform: `query` reads `{{ source }}`, the batch. */
export interface SqlTransform {
  type: "sql";
  query: string;
}

/** A function transform: `fn` is the function's source (`(row) => ({ ...row })`). */
export interface FunctionTransform {
  type: "function";
  fn: string;
}

export type Transform = SqlTransform | FunctionTransform;

/** Longest accepted query or function source (characters): a transform is code, not data. */
export const MAX_TRANSFORM_SOURCE = 64 * 1024;

/**
 * A function's source as an expression: `fn(row) { … }` (what `String()` gives for an object
 * method) becomes `function fn(row) { … }`; arrows and `function` expressions stay as they are.
 */
export function functionExpression(source: string): string {
  const text = source.trim();
  if (/^(async\s+)?function\b/.test(text) || /^(async\s*)?(\(|[A-Za-z_$][\w$]*\s*=>)/.test(text)) return text;
  const method = /^(async\s+)?(\*?\s*[A-Za-z_$][\w$]*)\s*\(/.exec(text);
  if (method) return `${method[1] ?? ""}function ${text.slice((method[1] ?? "").length)}`;
  return text;
}
