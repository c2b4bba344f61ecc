import type { Role, Segment } from "../types.js";
import { isPlainEnglish } from "./english-words.js";
import { detectNgramLanguage } from "./ngram-detect.js";
import { scriptLanguage } from "./script-language.js";

/**
 * UTF-16 units of a document that decide its language, the default of both functions here: on the
 * dev set, eld/small is right on 99% of texts cut at 80 units and on all cut at 120, and beyond
 * ~300 its cost grows with no gain.
 */
export const LANGUAGE_PREFIX_CHARS = 300;

/** The language of text with no letters to go on. */
export const UNDETERMINED = "und";

/**
 * The ISO 639-1 language of `text` (`zh` for both Chinese scripts), or `und` when it has no
 * letters or the detector cannot tell. Only the first `maxChars` UTF-16 units are looked at: a
 * Unicode-script fast path decides most non-Latin text, a function-word count most plain English,
 * and eld/small's n-gram model the rest (in typed arrays, ~3 MB per thread: see `ngram-model.ts`),
 * with its `ms` reported as `id` (eld has no Indonesian, and most such text in training data is).
 * Code spans and fences are left out of what the n-gram model reads.
 *
 * @param maxChars UTF-16 units of `text` looked at.
 * @default maxChars {@link LANGUAGE_PREFIX_CHARS} (300)
 */
export function detectLanguage(text: string, maxChars: number = LANGUAGE_PREFIX_CHARS): string {
  const prefix = text.length > maxChars ? text.slice(0, maxChars) : text;
  if (!LETTER.test(prefix)) return UNDETERMINED;
  const byScript = scriptLanguage(prefix, maxChars);
  if (byScript !== undefined) return byScript;
  const prose = withoutCode(prefix);
  if (isPlainEnglish(prose)) return "en";
  const language = detectNgramLanguage(prose);
  if (language === "") return UNDETERMINED;
  return language === "ms" ? "id" : language;
}

const LETTER = /\p{L}/u;
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;

/**
 * Prose without its code spans and fences, whose identifiers read as English to an n-gram model
 * (`Usa \`df.filter(...)\` oppure …` is Italian); the text itself when it is all code.
 */
function withoutCode(text: string): string {
  if (!text.includes("`")) return text;
  const prose = text.replace(CODE, " ");
  return LETTER.test(prose) ? prose : text;
}

/**
 * The text that decides a record's language: the model's side of the record — assistant and
 * role-less text — then system text, in record order; user text only when there is nothing else
 * (a reply's language is what training teaches, not the prompt's), and tool output last of all.
 * Segments are joined with `\n` and cut at `maxChars`.
 *
 * @param maxChars length of the result in UTF-16 units at most.
 * @default maxChars {@link LANGUAGE_PREFIX_CHARS} (300)
 */
export function documentText(segments: readonly Segment[], maxChars: number = LANGUAGE_PREFIX_CHARS): string {
  let text = appendRoles("", segments, MODEL_ROLES, maxChars);
  text = appendRoles(text, segments, SYSTEM_ROLES, maxChars);
  if (text === "") text = appendRoles(text, segments, USER_ROLES, maxChars);
  if (text === "") text = appendRoles(text, segments, TOOL_ROLES, maxChars);
  return text;
}

const MODEL_ROLES: readonly Role[] = ["assistant", "none"];
const SYSTEM_ROLES: readonly Role[] = ["system"];
const USER_ROLES: readonly Role[] = ["user"];
const TOOL_ROLES: readonly Role[] = ["tool"];

function appendRoles(
  text: string,
  segments: readonly Segment[],
  roles: readonly Role[],
  maxChars: number,
): string {
  for (const segment of segments) {
    if (!roles.includes(segment.role)) continue;
    const room = maxChars - text.length - (text === "" ? 0 : 1);
    if (room <= 0) break;
    const piece = segment.text.length > room ? segment.text.slice(0, room) : segment.text;
    text = text === "" ? piece : `${text}\n${piece}`;
  }
  return text;
}
