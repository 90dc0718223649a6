/**
 * The Connect Card's HTML, rendered on the server with hono/html (every interpolated value
 * escaped). No script: a plain form the keyboard and screen readers handle natively. Styles
 * are inline under the response's CSP nonce.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { SetupTest } from "../../engine/protocol";
import type { FormField } from "./form";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; background: #f4f6f8; color: #1b1f24; }
main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; display: flex; gap: 1.5rem; align-items: flex-start; }
.card { flex: 1 1 34rem; background: #fff; border: 1px solid #d6dbe1; border-radius: 8px; padding: 1.5rem 2rem; }
aside { flex: 0 1 20rem; background: #fff; border: 1px solid #d6dbe1; border-radius: 8px; padding: 1rem 1.25rem; font-size: .95rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.sub { color: #4a5560; margin: 0 0 1rem; }
.field { margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.hint { display: block; color: #4a5560; font-size: .85rem; margin-top: .2rem; }
input[type=text], input[type=password], input[type=number], select, textarea {
  width: 100%; box-sizing: border-box; padding: .5rem .6rem; border: 1px solid #8a949e; border-radius: 4px; font: inherit; }
textarea { min-height: 4.5rem; font-family: ui-monospace, monospace; font-size: .9rem; }
.check { display: flex; gap: .5rem; align-items: center; }
.check label { display: inline; margin: 0; }
input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible, summary:focus-visible, a:focus-visible {
  outline: 3px solid #0b5cff; outline-offset: 2px; }
button { background: #0b5cff; color: #fff; border: 0; border-radius: 4px; padding: .65rem 1.4rem; font: inherit; font-weight: 600; cursor: pointer; }
button:hover { background: #0847c7; }
details { margin: 1rem 0; border-top: 1px solid #e2e6ea; padding-top: .75rem; }
summary { cursor: pointer; font-weight: 600; margin-bottom: .75rem; }
.error { border: 1px solid #b3261e; background: #fdecea; color: #7a1712; border-radius: 4px; padding: .75rem 1rem; margin-bottom: 1rem; }
.tests { list-style: none; padding: 0; margin: 0 0 1rem; }
.tests li { padding: .5rem .75rem; border-radius: 4px; margin-bottom: .4rem; border: 1px solid #d6dbe1; }
.tests .PASSED { background: #e7f5ec; border-color: #2e7d4f; }
.tests .FAILED, .tests .JOB_FAILED { background: #fdecea; border-color: #b3261e; }
.tests .WARNING { background: #fff6e0; border-color: #a66a00; }
.status { font-weight: 700; }
.schema { font-family: ui-monospace, monospace; }
`;

function control(field: FormField): Html {
  const id = `f_${field.key}`;
  const hintId = `${id}_hint`;
  const hints: string[] = [];
  if (field.description) hints.push(field.description);
  if (field.kind === "secret" || (field.kind === "json" && field.secretSet)) {
    hints.push(field.secretSet ? "A value is stored. Leave empty to keep it." : "Stored encrypted; never shown again.");
  }
  if (field.kind === "list") hints.push("One per line.");
  if (field.kind === "json") hints.push("JSON.");
  const described = hints.length > 0 ? raw(` aria-describedby="${hintId}"`) : "";
  const hint = hints.length > 0 ? html`<span class="hint" id="${hintId}">${hints.join(" ")}</span>` : "";
  const required = field.required && !field.secretSet ? raw(" required") : "";
  const star = field.required ? html` <span aria-hidden="true">*</span>` : "";

  if (field.kind === "boolean") {
    return html`<div class="field check">
      <input type="checkbox" id="${id}" name="${field.key}" value="true"${field.checked ? raw(" checked") : ""}${described}>
      <label for="${id}">${field.label}</label>${hint}
    </div>`;
  }
  let input: Html;
  switch (field.kind) {
    case "select":
      input = html`<select id="${id}" name="${field.key}"${required}${described}>
        ${field.required ? "" : html`<option value="">(not set)</option>`}
        ${(field.options ?? []).map(
          (option) =>
            html`<option value="${option}"${option === field.value ? raw(" selected") : ""}>${option}</option>`,
        )}
      </select>`;
      break;
    case "secret":
      input = html`<input type="password" id="${id}" name="${field.key}" value="" autocomplete="off"${
        field.secretSet ? raw(' placeholder="••••••  (stored)"') : ""
      }${required}${described}>`;
      break;
    case "number":
      input = html`<input type="number" id="${id}" name="${field.key}" value="${field.value}" step="any"${required}${described}>`;
      break;
    case "list":
    case "json":
      input = html`<textarea id="${id}" name="${field.key}"${required}${described}>${field.value}</textarea>`;
      break;
    default:
      input = html`<input type="text" id="${id}" name="${field.key}" value="${field.value}" autocomplete="off"${required}${described}>`;
  }
  return html`<div class="field">
    <label for="${id}">${field.label}${star}</label>
    ${input}${hint}
  </div>`;
}

function results(tests: SetupTest[]): Html {
  if (tests.length === 0) return html``;
  return html`<h2 id="tests">Setup tests</h2>
    <ul class="tests" aria-labelledby="tests">
      ${tests.map(
        (test) =>
          html`<li class="${test.status}"><span class="status">${test.status}</span> ${test.title}${
            test.message ? html`: ${test.message}` : ""
          }</li>`,
      )}
    </ul>`;
}

export interface CardPage {
  nonce: string;
  action: string;
  serviceName: string;
  service: string;
  schema: string;
  guide?: { description: string; linkToDocs: string };
  fields: FormField[];
  allFields: boolean;
  error?: string;
  tests: SetupTest[];
}

/** The card: the connection's service, its config form, the last results, and the guide. */
export function cardPage(page: CardPage): Html {
  // Required fields, credentials and fields that hold a value come first; the rest fold away
  // unless `all_fields`.
  const main = page.fields.filter(
    (field) =>
      page.allFields ||
      field.required ||
      field.kind === "secret" ||
      field.secretSet ||
      field.value !== "" ||
      field.checked,
  );
  const more = page.fields.filter((field) => !main.includes(field));
  return document(
    page.nonce,
    `Set up ${page.serviceName}`,
    html`<main>
  <div class="card">
    <h1>Set up ${page.serviceName}</h1>
    <p class="sub">Connection <span class="schema">${page.schema}</span> (${page.service})</p>
    ${page.error ? html`<div class="error" role="alert"><strong>Not saved.</strong> ${page.error}</div>` : ""}
    ${page.tests.length > 0 && !page.error ? html`<div role="status">${results(page.tests)}</div>` : ""}
    <form method="post" action="${page.action}" novalidate>
      ${main.map(control)}
      ${
        more.length > 0
          ? html`<details>
        <summary>More settings (${more.length})</summary>
        ${more.map(control)}
      </details>`
          : ""
      }
      <button type="submit">Save &amp; Test</button>
    </form>
  </div>
  ${
    page.guide
      ? html`<aside aria-labelledby="guide">
    <h2 id="guide">Setup guide</h2>
    <p>${page.guide.description}</p>
    <p>Fill in the fields marked <span aria-hidden="true">*</span> (required), then choose <strong>Save &amp; Test</strong>: the settings are saved and the connection's setup tests run. Once they pass you are taken back.</p>
    <p><a href="${page.guide.linkToDocs}" rel="noreferrer noopener" target="_blank">${page.serviceName} documentation</a></p>
  </aside>`
      : ""
  }
</main>`,
  );
}

/** A page that says why the card cannot open (an invalid or expired token, say). */
export function messagePage(nonce: string, title: string, message: string): Html {
  return document(
    nonce,
    title,
    html`<main><div class="card" role="alert"><h1>${title}</h1><p>${message}</p></div></main>`,
  );
}

/** The card's HTML document around `body`: its title, and the style under the response's nonce. */
function document(nonce: string, title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Connect Card</title>
<style nonce="${nonce}">${raw(STYLE)}</style>
</head>
<body>
${body}
</body>
</html>`;
}
