/** The JSON type of a parsed value, as error messages name it: `object`, `array`, `string`, `number`, `boolean` or `null`. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Whether a parsed JSON value is a record: a plain object, not an array or a scalar. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
