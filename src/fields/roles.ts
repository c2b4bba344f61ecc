import { UsageError } from "../errors.js";
import type { Role } from "../types.js";

/** Every role, in the order messages list them. */
export const ROLES: readonly Role[] = ["assistant", "system", "user", "tool", "none"];

/** Roles whose text can flag a record unless `--roles` says otherwise: the model's side and role-less text. */
export const DEFAULT_FLAG_ROLES: readonly Role[] = ["assistant", "system", "none"];

/**
 * Speaker labels seen in chat datasets, lower-cased. OpenAI `role`, ShareGPT `from` (`human`/`gpt`),
 * OpenAssistant (`prompter`), Gemini (`model`), Cohere (`chatbot`), and tool turns of
 * function-calling sets (glaive `function_call`/`observation`, Llama `ipython`).
 * `instruction` is a user turn in some ShareGPT exports; `instructions` is the OpenAI Responses
 * API's system text.
 */
const ROLE_LABELS: ReadonlyMap<string, Role> = new Map<string, Role>([
  ...labels("assistant", "assistant gpt bot chatbot model chatgpt bing bard claude ai response"),
  ...labels("user", "user human prompter person instruction"),
  ...labels("system", "system developer instructions"),
  ...labels("tool", "tool function function_call observation ipython tool_response"),
]);

function labels(role: Role, list: string): Array<[string, Role]> {
  return list.split(" ").map((label) => [label, role]);
}

/**
 * The role of a speaker label (`role`, `from`), case- and space-insensitive.
 *
 * An unknown or missing label gives `none`, never a guess: `none` is in {@link DEFAULT_FLAG_ROLES},
 * so such text is still scanned and can flag the record (nothing is silently hidden), and its hits
 * say `role: "none"` rather than claiming an assistant said it (nothing is silently promoted). A
 * dataset with its own labels (`"narrator"`, `"Dr. Smith"`) can then be handled with `--roles`.
 */
export function normalizeRole(label: unknown): Role {
  if (typeof label !== "string") return "none";
  return ROLE_LABELS.get(label.trim().toLowerCase()) ?? "none";
}

/**
 * Parses the `--roles` option: a comma-separated list of role names (`assistant,system,none`);
 * `all` stands for every role. Names are the canonical roles only, not speaker labels.
 *
 * @throws {UsageError} on an empty list or an unknown name, listing the valid names.
 */
export function parseRoles(list: string): Role[] {
  const roles = new Set<Role>();
  for (const raw of list.split(",")) {
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    if (name === "all") {
      for (const role of ROLES) roles.add(role);
    } else if ((ROLES as readonly string[]).includes(name)) {
      roles.add(name as Role);
    } else {
      throw new UsageError(
        `--roles "${list}": unknown role "${raw.trim()}"; valid roles: ${ROLES.join(", ")}, all`,
      );
    }
  }
  if (roles.size === 0)
    throw new UsageError(`--roles "${list}": no role given; valid roles: ${ROLES.join(", ")}, all`);
  return ROLES.filter((role) => roles.has(role));
}
