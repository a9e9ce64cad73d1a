import type { Command } from 'commander';
import { loadConfig, type Config } from '../platform/config/config';
import { openRuntime, type Runtime } from '../platform/runtime';

/** A failure with a message for people and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function configFrom(cmd: Command): Config {
  const opts = cmd.optsWithGlobals() as { dataDir?: string };
  const env = { ...process.env };
  if (opts.dataDir) env.DATA_DIR = opts.dataDir;
  return loadConfig(env);
}

export async function withRuntime<T>(
  cmd: Command,
  fn: (rt: Runtime, config: Config) => Promise<T>,
): Promise<T> {
  const config = configFrom(cmd);
  const rt = await openRuntime(config, `cli ${cmd.name()}`);
  try {
    return await fn(rt, config);
  } finally {
    await rt.close();
  }
}

/** One line of a command's output on stdout (the command's answer, not a log message). */
export function say(...parts: unknown[]): void {
  process.stdout.write(`${parts.map(String).join(' ')}\n`);
}
