import { type ConvertedType, parquetSchema, type SchemaElement, type SchemaTree } from "hyparquet";
import { isListLike, isMapLike } from "hyparquet/src/schema.js";
import { isStringElement, rowSchema } from "../records/parquet-row-schema.js";

/** How the cells of one top-level column are handed to hyparquet-writer. */
export interface ColumnEncoding {
  name: string;
  /**
   * Whether min/max computed on the physical values the rows hold are right for the column's own
   * type. They are not for unsigned integers, decimals and other types whose order is not the
   * physical one; such columns get no statistics rather than wrong ones.
   */
  statistics: boolean;
  /** Turns a cell as read into what hyparquet-writer takes; absent when it takes it as is. */
  prepare?: (cell: unknown) => unknown;
}

/**
 * The schema rows read with `allColumns` are encoded with: `rowSchema` (physical values), except
 * that MAPs keep their annotation, since hyparquet-writer only splits a repeated group of two
 * fields into keys and values under a MAP. The writer's footer gets the input's schema instead.
 */
export function encodingSchema(schema: readonly SchemaElement[]): SchemaElement[] {
  return rowSchema(schema).map((element, i) =>
    schema[i]?.converted_type === "MAP" ? { ...element, converted_type: "MAP" } : element,
  );
}

/**
 * The schema for the output's footer: the input's, except that an INTEGER logical type is given by
 * its converted type alone (INT_8 … UINT_64, which every reader maps to the same type).
 * hyparquet-writer 0.17 writes INTEGER's `bitWidth` as an i32 where the format has an i8, and
 * pyarrow then refuses the whole footer ("Couldn't deserialize thrift").
 */
export function footerSchema(schema: readonly SchemaElement[]): SchemaElement[] {
  return schema.map((element) => {
    const logical = element.logical_type;
    if (logical?.type !== "INTEGER") return element;
    const { logical_type: _integer, ...rest } = element;
    const converted = `${logical.isSigned ? "INT" : "UINT"}_${logical.bitWidth}` as ConvertedType;
    return { ...rest, converted_type: element.converted_type ?? converted };
  });
}

/** The top-level columns of `schema`, in order, with how each is encoded. */
export function columnEncodings(schema: readonly SchemaElement[]): ColumnEncoding[] {
  return parquetSchema({ schema: [...schema] }).children.map((column) => {
    const prepare = mapsAsEntries(column);
    return {
      name: column.element.name,
      statistics: leaves(column).every(keepsOrder),
      ...(prepare ? { prepare } : {}),
    };
  });
}

type Convert = (cell: unknown) => unknown;

/**
 * A MAP read without its annotation is `{key_value: [{key, value}, …]}`; hyparquet-writer takes
 * the list of entries itself. Undefined for a column without MAPs, which needs no conversion.
 */
function mapsAsEntries(node: SchemaTree): Convert | undefined {
  if (node.children.length === 0) return undefined;
  if (isMapLike(node)) {
    const entries = node.children[0] as SchemaTree;
    const [keyNode, valueNode] = entries.children as [SchemaTree, SchemaTree];
    const key = mapsAsEntries(keyNode) ?? same;
    const value = mapsAsEntries(valueNode) ?? same;
    return (cell) => {
      const list = isRecord(cell) ? cell[entries.element.name] : undefined;
      if (!Array.isArray(list)) return cell;
      return list.map((entry: Record<string, unknown>) => ({
        key: key(entry.key),
        value: value(entry.value),
      }));
    };
  }
  if (isListLike(node)) {
    const list = node.children[0] as SchemaTree;
    const item = mapsAsEntries(list.children[0] ?? list);
    return item && ((cell) => (Array.isArray(cell) ? cell.map(item) : cell));
  }
  const fields = node.children.flatMap((child) => {
    const convert = mapsAsEntries(child);
    return convert ? [[child.element.name, convert] as const] : [];
  });
  if (fields.length === 0) return undefined;
  return (cell) => {
    if (!isRecord(cell)) return cell;
    const copy = { ...cell };
    for (const [name, convert] of fields) copy[name] = convert(copy[name]);
    return copy;
  };
}

const same: Convert = (cell) => cell;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function leaves(node: SchemaTree): SchemaElement[] {
  return node.children.length === 0 ? [node.element] : node.children.flatMap(leaves);
}

/** Annotations whose order is that of the physical value. */
const SAME_ORDER = new Set([
  "INT_8",
  "INT_16",
  "INT_32",
  "INT_64",
  "DATE",
  "TIME_MILLIS",
  "TIME_MICROS",
  "TIMESTAMP_MILLIS",
  "TIMESTAMP_MICROS",
]);

function keepsOrder(leaf: SchemaElement): boolean {
  if (isStringElement(leaf)) return true;
  const { converted_type: converted, logical_type: logical } = leaf;
  if (logical?.type === "INTEGER") return logical.isSigned;
  if (logical !== undefined && !["DATE", "TIME", "TIMESTAMP"].includes(logical.type)) return false;
  return converted === undefined || SAME_ORDER.has(converted);
}
