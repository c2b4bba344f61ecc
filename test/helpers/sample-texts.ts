/** Short texts the builtin library flags (openai, alibaba, anthropic) and plain ones it must not. */
export const SAMPLE_TEXTS = [
  "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
  "我是通义千问，由阿里云开发的AI助手。",
  "Je suis Claude, un assistant créé par Anthropic.",
  "The capital of France is Paris.",
  "Ich helfe dir gern beim Kochen.",
];
