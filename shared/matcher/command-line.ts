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

/**
 * Reads one argument starting at `from`, honouring double and single quotes.
 * Returns the argument and where the next one starts, or undefined at the end.
 */
function nextArgument(cmd: string, from: number): [string, number] | undefined {
  let i = from;
  while (i < cmd.length && (cmd[i] === ' ' || cmd[i] === '\t')) i++;
  if (i >= cmd.length) return undefined;
  let arg = '';
  let quote: string | undefined;
  for (; i < cmd.length; i++) {
    const c = cmd[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else arg += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ' ' || c === '\t') break;
    else arg += c;
  }
  return [arg, i];
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
 * Reads the command line only as far as the program. Undefined when the command does not start
 * with an interpreter, or names no program (`python3 -c …`, a bare shell).
 */
export function interpretedProgram(cmd: string): string | undefined {
  const text = cmd.length > 8192 ? cmd.slice(0, 8192) : cmd;
  let next = nextArgument(text, 0);
  if (!next || !isInterpreterName(baseName(next[0]))) return undefined;
  for (let count = 0; count < 64; count++) {
    next = nextArgument(text, next[1]);
    if (!next) return undefined;
    const arg = next[0];
    if (arg === '-m' || arg === '-jar') return nextArgument(text, next[1])?.[0];
    if (optionsWithValue.has(arg)) {
      next = nextArgument(text, next[1]);
      if (!next) return undefined;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
