import type { Platform } from '../catalog/catalog-schema.ts';
import type { ProcessRecord } from '../inventory-schema.ts';
import { interpretedProgram, isInterpreterName } from './command-line.ts';
import type { MatchIndex } from './match-index.ts';
import { exeBaseName, firstArgument, matchProcess, type RuleHit } from './match-processes.ts';

/**
 * Matches each distinct process identity once per scan: worker pools, browser renderers and a
 * thousand shells share one result. The identity is what rules can test: path and name, plus the
 * program an interpreter runs (arguments after the script reach no rule). Version resource, bundle,
 * signer and package describe the executable file, so with a path they add nothing; without one
 * they and argv[0] join the key. With a path, the keys are nested maps over the strings as they are.
 */
type NameSlot = {
  readonly interpreted: boolean;
  hits?: readonly RuleHit[];
  byProgram?: Map<string, readonly RuleHit[]>;
};

export class ProcessMatchCache {
  readonly #index: MatchIndex;
  readonly #os: Platform;
  readonly #byPath = new Map<string, Map<string, NameSlot>>();
  readonly #withoutPath = new Map<string, readonly RuleHit[]>();

  constructor(index: MatchIndex, os: Platform) {
    this.#index = index;
    this.#os = os;
  }

  hits(proc: ProcessRecord): readonly RuleHit[] {
    if (!proc.path) return this.#withoutPathHits(proc);
    let byName = this.#byPath.get(proc.path);
    if (!byName) {
      byName = new Map();
      this.#byPath.set(proc.path, byName);
    }
    let slot = byName.get(proc.name);
    if (!slot) {
      const exe = exeBaseName(proc);
      slot = {
        interpreted:
          isInterpreterName(proc.name) || (exe !== undefined && exe !== proc.name && isInterpreterName(exe)),
      };
      byName.set(proc.name, slot);
    }
    if (!slot.interpreted) {
      slot.hits ??= matchProcess(this.#index, this.#os, proc);
      return slot.hits;
    }
    // An interpreter: the program it runs is what rules see; its arguments reach no rule.
    const program = interpretedProgram(proc.cmd ?? '') ?? '';
    slot.byProgram ??= new Map();
    let hits = slot.byProgram.get(program);
    if (!hits) {
      hits = matchProcess(this.#index, this.#os, proc);
      slot.byProgram.set(program, hits);
    }
    return hits;
  }

  #withoutPathHits(proc: ProcessRecord): readonly RuleHit[] {
    const cmd = proc.cmd ?? '';
    const info = proc.fileInfo;
    const key = [
      proc.name,
      isInterpreterName(proc.name) ? `\u0000${interpretedProgram(cmd) ?? ''}` : firstArgument(cmd),
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
