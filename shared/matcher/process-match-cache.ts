import type { Platform } from '../catalog/catalog-schema.ts';
import type { ProcessRecord } from '../inventory-schema.ts';
import { interpretedProgram, isInterpreterName } from './command-line.ts';
import type { MatchIndex } from './match-index.ts';
import { exeBaseName, firstArgument, matchProcess, type RuleHit } from './match-processes.ts';

/**
 * Matches each distinct process identity once per scan: worker pools, browser renderers and a
 * thousand shells share one result. The identity is what rules can test: name, path and argv[0],
 * or for an interpreter the program it runs (arguments after the script reach no rule). Version resource, bundle,
 * signer and package describe the executable file, so with a path they add nothing; without one they
 * join the key. Keys are nested maps over the strings as they are, so no key is ever concatenated.
 */
export class ProcessMatchCache {
  readonly #index: MatchIndex;
  readonly #os: Platform;
  readonly #byPath = new Map<string, Map<string, Map<string, readonly RuleHit[]>>>();
  readonly #withoutPath = new Map<string, readonly RuleHit[]>();

  constructor(index: MatchIndex, os: Platform) {
    this.#index = index;
    this.#os = os;
  }

  hits(proc: ProcessRecord): readonly RuleHit[] {
    const cmd = proc.cmd ?? '';
    const exe = exeBaseName(proc);
    const interpreted =
      isInterpreterName(proc.name) || (exe !== undefined && exe !== proc.name && isInterpreterName(exe));
    const argv0 = interpreted ? `\u0000${interpretedProgram(cmd) ?? ''}` : firstArgument(cmd);
    const argv = argv0 === proc.path ? '' : argv0;
    if (!proc.path) return this.#withoutPathHits(proc, argv);

    let byName = this.#byPath.get(proc.path);
    if (!byName) {
      byName = new Map();
      this.#byPath.set(proc.path, byName);
    }
    let byArgv = byName.get(proc.name);
    if (!byArgv) {
      byArgv = new Map();
      byName.set(proc.name, byArgv);
    }
    let hits = byArgv.get(argv);
    if (!hits) {
      hits = matchProcess(this.#index, this.#os, proc);
      byArgv.set(argv, hits);
    }
    return hits;
  }

  #withoutPathHits(proc: ProcessRecord, argv: string): readonly RuleHit[] {
    const info = proc.fileInfo;
    const key = [
      proc.name,
      argv,
      info?.originalFilename,
      info?.productName,
      info?.companyName,
      info?.fileDescription,
      proc.bundleId,
      proc.signer,
      proc.package,
    ].join('\u0000');
    let hits = this.#withoutPath.get(key);
    if (!hits) {
      hits = matchProcess(this.#index, this.#os, proc);
      this.#withoutPath.set(key, hits);
    }
    return hits;
  }
}
