import { Command, CommanderError } from "commander";
import { InputError, UsageError } from "../errors.js";
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
}

/**
 * Runs the selfid CLI on `argv` (without `node` and the script). Never calls `process.exit`:
 * exit code 0 ok, 1 gate failed, 2 usage or fatal input error (DESIGN §2).
 */
export async function run(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  const ctx = createContext(options);
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
  return { exitCode: ctx.exitCode, stdout: ctx.stdout.join(""), stderr: ctx.stderr.join("") };
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
