/**
 * Caps on pattern files, which may come from users (`--patterns`) and so are untrusted. Each is
 * ten or more times what the built-in library needs (its maxima, measured when the caps were
 * chosen, are given with each), so only a broken or hostile file reaches one.
 */
export const PATTERN_LIMITS = {
  /** Bytes of one pattern file. Built-in maximum: 42,596 (langs/en.yaml). */
  fileBytes: 1024 * 1024,
  /** YAML aliases in one file, against "billion laughs" alias bombs. The built-in library uses none. */
  yamlAliases: 100,
  /** Names, or creators, of one family file. Built-in maximum: 48 names, 30 creators. */
  terms: 1000,
  /** Templates, or blockers, of one file. Built-in maximum: 44 templates, 23 blockers. */
  templates: 1000,
  /** Nouns, keywords or placeholders of one file. Built-in maximum: 17. */
  words: 1000,
  /** Macros of one file. Built-in maximum: 17. */
  macros: 500,
  /** Positive, or negative, examples of one family or template. Built-in maximum: 30. */
  examples: 1000,
  /** Characters of one regex, term, macro or example as written. Built-in maximum: 2,812. */
  stringChars: 10_000,
  /**
   * Characters of a regex once its macros and slots are filled: macros that use macros can
   * multiply a small file into a huge regex. Built-in maximum: 3,212.
   */
  compiledChars: 50_000,
} as const;
