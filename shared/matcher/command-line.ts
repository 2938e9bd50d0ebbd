import { baseName } from './path-pattern.ts';

/**
 * What a command line says about the program really running: for an interpreter or a VM
 * (`python3 /usr/bin/gajim`, `java -jar briar.jar`, `gjs /usr/bin/polari`) the script, module, jar or
 * main class is the program, not the interpreter.
 */

const interpreter =
  /^(?:python[\d.]*w?|pypy\d*|java|javaw|perl[\d.]*|ruby[\d.]*|node|nodejs|gjs|gjs-console|mono|wish[\d.]*|tclsh[\d.]*|lua[\d.]*|sh|bash|dash|zsh)(?:\.exe)?$/i;

const interpreterStart = /^(?:py|ja|pe|ru|no|gj|mo|wi|tc|lu|sh|ba|da|zs)/i;

export function isInterpreterName(name: string): boolean {
  // Most names fail on their first letters; the full pattern runs only for the few that pass.
  return interpreterStart.test(name) && interpreter.test(name);
}

/** Splits a command line into arguments, honouring double and single quotes. Bounded for hostile input. */
export function splitCommandLine(cmd: string, maxArgs = 32): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const c of cmd.length > 8192 ? cmd.slice(0, 8192) : cmd) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === ' ' || c === '\t') {
      if (started) {
        args.push(current);
        if (args.length >= maxArgs) return args;
      }
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** Options of interpreters that take a value, so the value is not mistaken for the script. */
const optionsWithValue = new Set([
  '-cp',
  '-classpath',
  '--class-path',
  '-W',
  '-X',
  '-c',
  '-e',
  '--module-path',
  '-p',
]);

/**
 * The program an interpreter runs: a script path, a `-m` module, a `-jar` file or a Java main class.
 * Undefined when the command does not start with an interpreter.
 */
export function interpretedProgram(args: readonly string[]): string | undefined {
  const first = args[0];
  if (!first || !isInterpreterName(baseName(first))) return undefined;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-m' || arg === '-jar') return args[i + 1];
    if (optionsWithValue.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}
