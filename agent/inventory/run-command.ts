import { execFile } from 'node:child_process';

/**
 * The one way the agent runs another program: no shell, an argument array, a fixed locale, a
 * timeout, a bounded output buffer and no console window on Windows.
 */
export type RunOptions = {
  readonly timeoutMs?: number;
  readonly maxBuffer?: number;
  /** Exit codes that still count as success (grep-like tools use 1 for "nothing found"). */
  readonly okExitCodes?: readonly number[];
};

export class CommandError extends Error {
  readonly code = 'E_COMMAND';
  readonly command: string;
  constructor(message: string, command: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CommandError';
    this.command = command;
  }
}

/** Runs a program and returns its standard output. */
export async function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  return (await runCommandOutput(file, args, options)).stdout;
}

/** Runs a program and returns both streams (codesign, for one, reports on stderr). */
export function runCommandOutput(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  const { timeoutMs = 15_000, maxBuffer = 32 * 1024 * 1024, okExitCodes = [0] } = options;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        timeout: timeoutMs,
        maxBuffer,
        windowsHide: true,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        const exitCode = error && typeof error.code === 'number' ? error.code : error ? undefined : 0;
        if (!error || (exitCode !== undefined && okExitCodes.includes(exitCode))) resolve({ stdout, stderr });
        else
          reject(new CommandError(`${file} failed: ${error.message.split('\n')[0]}`, file, { cause: error }));
      },
    );
  });
}
