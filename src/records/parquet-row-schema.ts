import type { SchemaElement } from "hyparquet";

/**
 * The schema Parquet rows are decoded and encoded with when they are to be written back (`--emit`):
 * the file's own, minus every type annotation whose JS value would not convert back to the same
 * bytes. hyparquet turns a DECIMAL into a float, a µs or ns timestamp into a `Date` (ms), a JSON
 * cell into a parsed object and a MAP into an object with string keys; hyparquet-writer cannot
 * undo any of that exactly. Without the annotation both sides see the physical value (bigint,
 * number, bytes) and the round trip is exact; the writer puts the file's schema back in the footer.
 *
 * Kept: strings (`UTF8`/`STRING`, exact both ways) and `LIST` groups, which both libraries
 * assemble and split with the same rules (hyparquet's `isListLike`), so lists stay arrays. A MAP
 * becomes what it is physically, a struct holding a list of `{key, value}`; a VARIANT, a struct of
 * its two byte arrays.
 *
 * `textColumns` are the columns the scan reads: their plain byte arrays (and ENUMs) are decoded as
 * UTF-8 strings, as a scan without `--emit` sees them. They go back as the same bytes when they
 * are valid UTF-8.
 */
export function rowSchema(
  schema: readonly SchemaElement[],
  textColumns: ReadonlySet<string> = new Set(),
): SchemaElement[] {
  const out: SchemaElement[] = [];
  // Pre-order walk: each group is followed by its num_children subtrees.
  const visit = (index: number, column: string | undefined): number => {
    const element = schema[index];
    if (element === undefined) throw new Error(`parquet schema ends at element ${index}, inside a group`);
    const top = column ?? element.name;
    out.push(index === 0 ? { ...element } : rowElement(element, textColumns.has(top)));
    let next = index + 1;
    for (let child = 0; child < (element.num_children ?? 0); child++) {
      next = visit(next, index === 0 ? undefined : top);
    }
    return next;
  };
  visit(0, undefined);
  return out;
}

/** True for a leaf hyparquet decodes to a string that hyparquet-writer encodes back unchanged. */
export function isStringElement(element: SchemaElement): boolean {
  return element.converted_type === "UTF8" || element.logical_type?.type === "STRING";
}

function rowElement(element: SchemaElement, text: boolean): SchemaElement {
  const isGroup = element.type === undefined;
  if (isGroup ? element.converted_type === "LIST" : isStringElement(element)) return { ...element };
  const { converted_type, logical_type, ...bare } = element;
  // Only what a scan without `--emit` would decode as UTF-8 (hyparquet's `utf8` default).
  const plainBytes =
    (converted_type === undefined || converted_type === "ENUM") &&
    (logical_type === undefined || logical_type.type === "ENUM");
  if (text && element.type === "BYTE_ARRAY" && plainBytes) {
    return { ...bare, converted_type: "UTF8" };
  }
  return bare;
}
