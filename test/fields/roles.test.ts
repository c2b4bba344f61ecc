import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { DEFAULT_FLAG_ROLES, normalizeRole, parseRoles, ROLES } from "../../src/fields/roles.js";

describe("normalizeRole", () => {
  it.each([
    ["assistant", "assistant"],
    ["gpt", "assistant"],
    ["bot", "assistant"],
    ["model", "assistant"],
    ["chatgpt", "assistant"],
    ["bing", "assistant"],
    ["bard", "assistant"],
    ["claude", "assistant"],
    ["ai", "assistant"],
    ["response", "assistant"],
    ["CHATBOT", "assistant"],
    ["user", "user"],
    ["human", "user"],
    ["prompter", "user"],
    ["person", "user"],
    ["instruction", "user"],
    ["system", "system"],
    ["developer", "system"],
    ["instructions", "system"],
    ["tool", "tool"],
    ["function", "tool"],
    ["function_call", "tool"],
    ["observation", "tool"],
    ["ipython", "tool"],
    ["tool_response", "tool"],
  ])("%s → %s", (label, role) => {
    expect(normalizeRole(label)).toBe(role);
  });

  it("ignores case and surrounding space", () => {
    expect(normalizeRole(" Assistant ")).toBe("assistant");
    expect(normalizeRole("HUMAN")).toBe("user");
    expect(normalizeRole("System")).toBe("system");
  });

  it("gives none for unknown and missing labels, never a guess", () => {
    expect(normalizeRole("narrator")).toBe("none");
    expect(normalizeRole("Dr. Smith")).toBe("none");
    expect(normalizeRole("")).toBe("none");
    expect(normalizeRole(undefined)).toBe("none");
    expect(normalizeRole(3)).toBe("none");
  });

  it("keeps text with unknown labels flaggable by default", () => {
    expect(DEFAULT_FLAG_ROLES).toContain(normalizeRole("narrator"));
    expect(DEFAULT_FLAG_ROLES).not.toContain("user");
    expect(DEFAULT_FLAG_ROLES).not.toContain("tool");
  });
});

describe("parseRoles", () => {
  it("parses a comma-separated list in canonical order, without duplicates", () => {
    expect(parseRoles("assistant,system,none")).toEqual(["assistant", "system", "none"]);
    expect(parseRoles("user, Assistant ,user")).toEqual(["assistant", "user"]);
    expect(parseRoles("tool,")).toEqual(["tool"]);
  });

  it("expands all to every role", () => {
    expect(parseRoles("all")).toEqual([...ROLES]);
    expect(parseRoles("user,all")).toEqual([...ROLES]);
    expect(ROLES).toEqual(["assistant", "system", "user", "tool", "none"]);
  });

  it("has assistant, system and role-less text as the default", () => {
    expect(DEFAULT_FLAG_ROLES).toEqual(parseRoles("assistant,system,none"));
  });

  it("rejects unknown names, listing the valid ones", () => {
    expect(() => parseRoles("assistant,gpt")).toThrow(UsageError);
    expect(() => parseRoles("assistant,gpt")).toThrow(
      '--roles "assistant,gpt": unknown role "gpt"; valid roles: assistant, system, user, tool, none, all',
    );
  });

  it("rejects an empty list", () => {
    expect(() => parseRoles("")).toThrow(UsageError);
    expect(() => parseRoles(" , ")).toThrow(/no role given/);
  });
});
