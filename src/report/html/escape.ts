const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values alike, so a snippet holding
 * `<script>` or `</textarea>` stays text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** ` data-lang="zh" data-count="12"`: escaped attributes, in the given order, undefined ones left out. */
export function attributes(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join("");
}

/**
 * A file path or URI as HTML that wraps after a `/` rather than at a hyphen inside a file name
 * (`train-00007-of-00120.parquet` stays whole).
 */
export function escapePath(path: string): string {
  return path
    .split("/")
    .map((part) => (part === "" ? "" : `<span class="seg">${escapeHtml(part)}</span>`))
    .join("/<wbr>");
}
