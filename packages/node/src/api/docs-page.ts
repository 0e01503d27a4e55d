/**
 * GET /docs: the OpenAPI document rendered as one self-contained HTML page (no script, no CDN —
 * nodes often run without internet). Rendered once from the same document /openapi.json serves.
 */

type Json = Record<string, unknown>;

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** `backticks` in descriptions become <code>. */
const prose = (s: unknown): string => esc(s ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');

const schemaBlock = (schema: unknown): string =>
  `<details><summary>schema</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td>` +
        `<td><code>${esc(JSON.stringify(p.schema))}</code></td><td>${prose(p.description)}</td></tr>`,
    )
    .join('');
  const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
  const responses = Object.entries(op.responses as Json)
    .map(([status, r]) => {
      const res = r as Json;
      const content = (res.content ?? {}) as Record<string, Json>;
      const [type, media] = Object.entries(content)[0] ?? ['', {}];
      const examples = Object.keys((media.examples as Json | undefined) ?? {});
      return (
        `<li><b>${esc(status)}</b> <code>${esc(type)}</code> — ` +
        (examples.length > 0
          ? examples.map((c) => `<code>${esc(c)}</code>`).join(', ')
          : `${prose(res.description)}${status === '200' ? schemaBlock(media.schema) : ''}`) +
        '</li>'
      );
    })
    .join('');
  const id = esc(op.operationId);
  return (
    `<section id="${id}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> ` +
    `<code>${esc(path)}</code></h3><p>${prose(op.summary)}</p>` +
    (op.description ? `<p>${prose(op.description)}</p>` : '') +
    (rows
      ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th><th></th></tr>${rows}</table>`
      : '') +
    (body
      ? Object.entries(body)
          .map(([type, media]) => `<p>Body (${esc(type)}):</p>${schemaBlock((media as Json).schema)}`)
          .join('')
      : '') +
    `<ul>${responses}</ul></section>`
  );
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push(operationHtml(method, path, op as Json));
      toc.push(
        `<li><a href="#${esc((op as Json).operationId)}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`,
      );
    }
  }
  const registry = (doc['x-error-registry'] as Json[])
    .map(
      (e) =>
        `<tr><td><code>${esc(e.code)}</code></td><td>${esc(e.status)}</td><td>${esc(e.where)}</td>` +
        `<td>${esc(e.message)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{color:#b71c1c}section{border-top:1px solid #ddd;padding:.5em 0}code,pre{font:13px ui-monospace,monospace}
pre{background:#f6f6f6;padding:.6em;overflow:auto}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
.m{display:inline-block;min-width:3.5em;color:#fff;border-radius:3px;padding:0 .3em;font-size:13px}
.get{background:#1565c0}.post{background:#2e7d32}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${prose(info.description)}</p><p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
<ul>${toc.join('')}</ul>
${ops.join('\n')}
<h2 id="errors">Error codes</h2>
<p>Every error is <code>{ "error": { "code", "message", "details"? } }</code>; <code>txResult</code> codes come back inside <code>results[]</code> of <code>POST /v1/txs</code>.</p>
<table><tr><th>code</th><th>status</th><th>where</th><th>meaning</th></tr>${registry}</table>
</body></html>
`;
}
