import { Command, CommanderError } from "commander";
import { InputError, redactSecrets, UsageError } from "../errors.js";
import { VERSION } from "../version.js";
import { type CommandContext, createContext } from "./context.js";
import { diffCommand } from "./diff-command.js";
import { mergeCommand } from "./merge-command.js";
import { patternsCommand } from "./patterns-command.js";
import { reportCommand } from "./report-command.js";
import { scanCommand } from "./scan-command.js";

/** What one CLI invocation produced. The caller decides how to print it and exit. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link run}: the process surroundings, injected so tests run in-process. */
export interface RunOptions {
  stdin?: CommandContext["stdin"];
  env?: CommandContext["env"];
  cwd?: string;
  stderrIsTTY?: boolean;
  /** stderr's width, when a terminal: the progress line is cut to it. */
  stderrColumns?: number | undefined;
  /** Writes to stderr at once (progress); without it, progress is collected in `stderr`. */
  writeStderr?: (text: string) => void;
  /** Aborts on SIGINT/SIGTERM: `scan` stops, writes its report marked incomplete, and exits 130/143. */
  signal?: AbortSignal;
}

/**
 * Runs the selfid CLI on `argv` (without `node` and the script). Never calls `process.exit`:
 * exit code 0 ok, 1 gate failed, 2 usage or fatal input error (DESIGN §2).
 */
export async function run(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  // Every byte this returns or writes to stderr goes through the redaction, whatever produced it.
  const secrets = secretsOf(argv, options.env ?? {});
  const redact = (text: string) => redactSecrets(text, secrets);
  const { writeStderr } = options;
  const ctx = createContext({
    ...options,
    writeStderr: writeStderr && ((text: string) => writeStderr(redact(text))),
  });
  const program = new Command("selfid")
    .description(
      'Find rival-model self-introductions ("I am ChatGPT", "我是通义千问") in LLM training data, report them per language and family, and gate datasets in CI.',
    )
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride();
  program.addCommand(scanCommand(ctx));
  program.addCommand(patternsCommand(ctx));
  program.addCommand(mergeCommand(ctx));
  program.addCommand(diffCommand(ctx));
  program.addCommand(reportCommand(ctx));
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
    }
  }

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    ctx.setExitCode(exitCodeOf(error, ctx));
  }
  return {
    exitCode: ctx.exitCode,
    stdout: redact(ctx.stdout.join("")),
    stderr: redact(ctx.stderr.join("")),
  };
}

/**
 * The secrets of an invocation, which no output may show: the Hub token from `HF_TOKEN` and from
 * `--token VALUE` / `--token=VALUE` (read from argv itself, so that an error before or during
 * parsing is covered too).
 */
function secretsOf(argv: readonly string[], env: Record<string, string | undefined>): string[] {
  const secrets: string[] = [];
  if (env.HF_TOKEN) secrets.push(env.HF_TOKEN);
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    if (arg === "--token" && next !== undefined) secrets.push(next);
    else if (arg.startsWith("--token=")) secrets.push(arg.slice("--token=".length));
  });
  return secrets;
}

function exitCodeOf(error: unknown, ctx: CommandContext): number {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; commander has already printed its usage message.
    if (error.exitCode === 0) return 0;
    return 2;
  }
  if (error instanceof UsageError || error instanceof InputError) {
    ctx.err(`selfid: ${error.message}\n`);
    return 2;
  }
  ctx.err(
    `selfid: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 2;
}
