import { describe, expect, it } from "vitest";
import { extractSegments } from "../../src/fields/extract-segments.js";
import { parseFieldPath } from "../../src/fields/field-path.js";

/** Segments as `[field, role, text]` rows, easy to read in a failing diff. */
function rows(record: unknown, fields?: string[]): Array<[string, string, string]> {
  const options = fields === undefined ? undefined : { fields: fields.map(parseFieldPath) };
  return extractSegments(record, options).segments.map((s) => [s.field, s.role, s.text]);
}

function shape(record: unknown): string {
  return extractSegments(record).shape;
}

describe("extractSegments: shapes", () => {
  it("reads pre-training text as role-less", () => {
    expect(rows({ text: "I am ChatGPT." })).toEqual([["text", "none", "I am ChatGPT."]]);
    expect(shape({ text: "x" })).toBe("text");
  });

  it("reads OpenAI messages with their roles", () => {
    const record = {
      messages: [
        { role: "system", content: "You are helpful." },
        { role: "user", content: "Who are you?" },
        { role: "assistant", content: "我是通义千问。" },
      ],
    };
    expect(rows(record)).toEqual([
      ["messages[0].content", "system", "You are helpful."],
      ["messages[1].content", "user", "Who are you?"],
      ["messages[2].content", "assistant", "我是通义千问。"],
    ]);
    expect(shape(record)).toBe("messages");
  });

  it("reads content-part arrays, skipping images, audio and null content", () => {
    const record = {
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "https://x/y.png" } },
            { type: "text", text: "What is this?" },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ function: { name: "look" } }] },
        {
          role: "assistant",
          content: [
            { type: "output_text", text: "A cat." },
            { type: "input_audio", input_audio: { data: "AAAA" } },
            { type: "text", text: "I'm Claude." },
          ],
        },
      ],
    };
    expect(rows(record)).toEqual([
      ["messages[0].content[1].text", "user", "What is this?"],
      ["messages[2].content[0].text", "assistant", "A cat."],
      ["messages[2].content[2].text", "assistant", "I'm Claude."],
    ]);
  });

  it("reads message arrays that use from/value keys", () => {
    expect(
      rows({
        messages: [
          { from: "human", value: "hi" },
          { from: "gpt", value: "hello" },
        ],
      }),
    ).toEqual([
      ["messages[0].value", "user", "hi"],
      ["messages[1].value", "assistant", "hello"],
    ]);
  });

  it("reads ShareGPT conversations, including a system turn", () => {
    const record = {
      conversations: [
        { from: "system", value: "You are ChatGPT, a large language model trained by OpenAI." },
        { from: "human", value: "What's 15% of 240?" },
        { from: "gpt", value: "36." },
      ],
    };
    expect(rows(record)).toEqual([
      ["conversations[0].value", "system", "You are ChatGPT, a large language model trained by OpenAI."],
      ["conversations[1].value", "user", "What's 15% of 240?"],
      ["conversations[2].value", "assistant", "36."],
    ]);
    expect(shape(record)).toBe("sharegpt");
  });

  it("reads the singular conversation key and role/content items", () => {
    const record = {
      conversation: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
      ],
    };
    expect(rows(record)).toEqual([
      ["conversation[0].content", "user", "a"],
      ["conversation[1].content", "assistant", "b"],
    ]);
    expect(shape(record)).toBe("sharegpt");
  });

  it("gives unknown speaker labels the none role", () => {
    expect(
      rows({ conversations: [{ from: "narrator", value: "Once upon a time." }, { value: "no label" }] }),
    ).toEqual([
      ["conversations[0].value", "none", "Once upon a time."],
      ["conversations[1].value", "none", "no label"],
    ]);
  });

  it("reads Alpaca with system and history, history before the current turn", () => {
    const record = {
      system: "Be brief.",
      instruction: "Who made you?",
      input: "",
      output: "I was trained by Google.",
      history: [
        ["hi", "hello"],
        ["what can you do?", "many things"],
      ],
    };
    expect(rows(record)).toEqual([
      ["system", "system", "Be brief."],
      ["history[0][0]", "user", "hi"],
      ["history[0][1]", "assistant", "hello"],
      ["history[1][0]", "user", "what can you do?"],
      ["history[1][1]", "assistant", "many things"],
      ["instruction", "user", "Who made you?"],
      ["output", "assistant", "I was trained by Google."],
    ]);
    expect(shape(record)).toBe("alpaca");
    expect(shape({ input: "x", output: "y" })).toBe("alpaca");
  });

  it("reads prompt/response and its synonyms", () => {
    expect(rows({ prompt: "who?", response: "I am Kimi." })).toEqual([
      ["prompt", "user", "who?"],
      ["response", "assistant", "I am Kimi."],
    ]);
    expect(rows({ prompt: "p", completion: "c" })).toEqual([
      ["prompt", "user", "p"],
      ["completion", "assistant", "c"],
    ]);
    expect(rows({ query: "q", question: "q2", answer: "a" })).toEqual([
      ["query", "user", "q"],
      ["question", "user", "q2"],
      ["answer", "assistant", "a"],
    ]);
    expect(shape({ prompt: "p", response: "r" })).toBe("prompt-response");
    expect(shape({ output: "only an answer" })).toBe("prompt-response");
  });

  it("reads a prompt given as a message list", () => {
    const record = {
      prompt: [
        { role: "system", content: "sys" },
        { role: "user", content: "q" },
      ],
      completion: [{ role: "assistant", content: "a" }],
    };
    expect(rows(record)).toEqual([
      ["prompt[0].content", "system", "sys"],
      ["prompt[1].content", "user", "q"],
      ["completion[0].content", "assistant", "a"],
    ]);
  });

  it("reads preference pairs given as strings", () => {
    const record = {
      system: "s",
      prompt: "Who are you?",
      chosen: "I'm your assistant.",
      rejected: "I'm ChatGPT.",
    };
    expect(rows(record)).toEqual([
      ["system", "system", "s"],
      ["prompt", "user", "Who are you?"],
      ["chosen", "assistant", "I'm your assistant."],
      ["rejected", "assistant", "I'm ChatGPT."],
    ]);
    expect(shape(record)).toBe("preference");
    expect(rows({ question: "q", chosen: "c" })[0]).toEqual(["question", "user", "q"]);
    expect(rows({ instruction: "i", rejected: "r" })[0]).toEqual(["instruction", "user", "i"]);
  });

  it("reads preference pairs given as message lists, each message with its own role", () => {
    const record = {
      chosen: [
        { role: "user", content: "Who are you?" },
        { role: "assistant", content: "An assistant." },
      ],
      rejected: [
        { role: "user", content: "Who are you?" },
        { role: "assistant", content: "I'm Claude." },
      ],
    };
    expect(rows(record)).toEqual([
      ["chosen[0].content", "user", "Who are you?"],
      ["chosen[1].content", "assistant", "An assistant."],
      ["rejected[0].content", "user", "Who are you?"],
      ["rejected[1].content", "assistant", "I'm Claude."],
    ]);
    expect(shape(record)).toBe("preference");
  });

  it("combines shapes: system first, then the conversation, then the rest", () => {
    const record = {
      response: "tail",
      conversations: [
        { from: "human", value: "q" },
        { from: "gpt", value: "a" },
      ],
      system: "You are Qwen.",
    };
    expect(rows(record)).toEqual([
      ["system", "system", "You are Qwen."],
      ["conversations[0].value", "user", "q"],
      ["conversations[1].value", "assistant", "a"],
      ["response", "assistant", "tail"],
    ]);
    expect(shape(record)).toBe("sharegpt");
    expect(shape({ messages: [], chosen: [], rejected: [] })).toBe("preference");
    expect(shape({ messages: [], text: "t" })).toBe("messages");
  });

  it("never scans metadata", () => {
    const record = {
      id: "I am ChatGPT",
      model: "gpt-4o",
      generator: "ChatGPT",
      model_name: "Qwen2.5-72B-Instruct",
      source: "I am Claude",
      dataset: "ultrachat",
      meta: { text: "I am Gemini" },
      text: "plain text",
    };
    expect(rows(record)).toEqual([["text", "none", "plain text"]]);
  });

  it("gives records with no known field the unknown shape and no segments", () => {
    expect(extractSegments({ model: "gpt-4", body: "I am ChatGPT" })).toEqual({
      shape: "unknown",
      segments: [],
    });
    expect(extractSegments({ text: 42 })).toEqual({ shape: "unknown", segments: [] });
    expect(extractSegments(null)).toEqual({ shape: "unknown", segments: [] });
    expect(extractSegments("I am ChatGPT")).toEqual({ shape: "unknown", segments: [] });
    expect(extractSegments([{ text: "x" }])).toEqual({ shape: "unknown", segments: [] });
  });

  it("drops empty and blank text but keeps the shape", () => {
    expect(extractSegments({ text: "" })).toEqual({ shape: "text", segments: [] });
    expect(rows({ instruction: "  \n", input: "", output: "ok" })).toEqual([["output", "assistant", "ok"]]);
    expect(
      rows({
        messages: [
          { role: "assistant", content: "" },
          { role: "assistant", content: " x " },
        ],
      }),
    ).toEqual([["messages[1].content", "assistant", " x "]]);
  });

  it("skips malformed items instead of failing", () => {
    expect(
      rows({
        messages: [
          null,
          3,
          "bare string",
          { role: "assistant", content: 7 },
          { role: "assistant", content: "ok" },
        ],
        history: [["only a query"], "not a pair", [1, "answer"]],
      }),
    ).toEqual([
      ["messages[2]", "none", "bare string"],
      ["messages[4].content", "assistant", "ok"],
      ["history[0][0]", "user", "only a query"],
      ["history[2][1]", "assistant", "answer"],
    ]);
  });

  it("does not recurse into messages nested in content, however deep the record", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = [{ role: "assistant", content: deep }];
    expect(rows({ messages: deep })).toEqual([]);
    expect(
      rows({ messages: [{ role: "assistant", content: [{ role: "user", content: "inner" }, "outer"] }] }),
    ).toEqual([["messages[0].content[1]", "assistant", "outer"]]);
  });

  it("does not read typed parts such as tool results as messages", () => {
    expect(
      rows({
        messages: [
          {
            role: "user",
            content: [
              { type: "tool_result", content: "I am Claude" },
              { type: "text", text: "thanks" },
            ],
          },
        ],
      }),
    ).toEqual([["messages[0].content[1].text", "user", "thanks"]]);
  });
});

describe("extractSegments: --field paths", () => {
  const record = {
    model: "gpt-4o",
    meta: { body: "I am Gemini", count: 3 },
    messages: [
      { role: "system", content: "sys" },
      { role: "user", content: "q" },
      { role: "assistant", content: "a" },
    ],
    conversations: [{ from: "gpt", value: "v" }],
    tags: ["t0", 1, "t1"],
    parts: [{ type: "text", text: "p0" }],
  };

  it("scans exactly the named paths, with roles from the holding object", () => {
    const result = extractSegments(record, { fields: [parseFieldPath("messages[].content")] });
    expect(result.shape).toBe("fields");
    expect(result.segments).toEqual([
      { field: "messages[0].content", role: "system", text: "sys" },
      { field: "messages[1].content", role: "user", text: "q" },
      { field: "messages[2].content", role: "assistant", text: "a" },
    ]);
    expect(rows(record, ["messages[2].content"])).toEqual([["messages[2].content", "assistant", "a"]]);
    expect(rows(record, ["conversations[].value"])).toEqual([["conversations[0].value", "assistant", "v"]]);
  });

  it("gives none when the holder has no role, and scans metadata when named", () => {
    expect(rows(record, ["meta.body", "model"])).toEqual([
      ["meta.body", "none", "I am Gemini"],
      ["model", "none", "gpt-4o"],
    ]);
  });

  it("turns arrays into one segment per string and skips non-strings", () => {
    expect(rows(record, ["tags"])).toEqual([
      ["tags[0]", "none", "t0"],
      ["tags[2]", "none", "t1"],
    ]);
    expect(rows(record, ["parts"])).toEqual([["parts[0].text", "none", "p0"]]);
    expect(rows(record, ["meta.count", "missing", "meta"])).toEqual([]);
  });

  it("reads a named message list with each message's role", () => {
    expect(rows(record, ["messages"])).toEqual([
      ["messages[0].content", "system", "sys"],
      ["messages[1].content", "user", "q"],
      ["messages[2].content", "assistant", "a"],
    ]);
  });

  it("reports the fields shape even when nothing matched", () => {
    expect(extractSegments({ text: "x" }, { fields: [parseFieldPath("body")] })).toEqual({
      shape: "fields",
      segments: [],
    });
  });
});
