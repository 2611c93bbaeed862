import Module from 'node:module';

import { packageOf, packageVersion } from './loaded-libraries';

/** A package the process loaded, with the phase in which it was first seen. */
export interface PhasedLibrary {
  name: string;
  version: string | null;
  phase: string;
}

export interface ModulePhasesReport {
  loaded: PhasedLibrary[];
  /** packages application code required directly while preloading */
  preloaded: string[];
  /** packages the handler required directly that were not preloaded */
  misses: string[];
  /** preloaded packages the handler never required */
  unusedPreloads: string[];
}

interface TrackedPackage {
  name: string;
  version: string | null;
  firstPhase: string;
  /** phases in which application code (not another package) required it */
  directIn: Set<string>;
}

type ModuleLoad = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;
interface ModuleInternals {
  _load: ModuleLoad;
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string;
  _cache: Record<string, unknown>;
}

export const PRELOAD_PHASE = 'preload';
export const HANDLER_PHASE = 'handler';

/**
 * Which npm packages (name and version) a process loads through Node's module loader, in which phase (e.g. preload
 * before a runtime is ready, then the handler), and which of them application code required directly: the runtime's
 * misses (required by the handler, not preloaded) and unused preloads come from here.
 */
export class ModulePhases {
  private readonly packages = new Map<string, TrackedPackage>();
  private readonly versions = new Map<string, string | null>();
  private current: string;
  private restoreLoad: (() => void) | undefined;

  constructor(
    initialPhase = 'startup',
    private readonly loader: ModuleInternals = Module as unknown as ModuleInternals,
  ) {
    this.current = initialPhase;
  }

  /** Hooks the module loader; returns the function that unhooks it. */
  install(): () => void {
    if (this.restoreLoad) return this.restoreLoad;
    const loader = this.loader;
    const original = loader._load;
    const note = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => {
      if (request.startsWith('node:') || Module.isBuiltin(request)) return;
      try {
        this.note(loader._resolveFilename(request, parent, isMain), parent?.filename ?? undefined);
      } catch {
        // a request that loaded but does not resolve again (a virtual module): nothing to record
      }
    };
    loader._load = function trackedLoad(this: unknown, request, parent, isMain) {
      const exported = original.call(this, request, parent, isMain);
      note(request, parent, isMain);
      return exported;
    };
    this.restoreLoad = () => {
      loader._load = original;
      this.restoreLoad = undefined;
    };
    return this.restoreLoad;
  }

  get phase(): string {
    return this.current;
  }

  enter(phase: string): void {
    this.current = phase;
  }

  /**
   * Counts the packages already in the module cache as loaded in the current phase: modules restored from a startup
   * snapshot sit there without ever passing through the loader.
   */
  noteModuleCache(): void {
    for (const filename of Object.keys(this.loader._cache)) this.note(filename, filename);
  }

  report(): ModulePhasesReport {
    const all = [...this.packages.values()];
    const direct = (phase: string) => all.filter((entry) => entry.directIn.has(phase)).map((entry) => entry.name);
    const preloaded = new Set(direct(PRELOAD_PHASE));
    const usedByHandler = new Set(direct(HANDLER_PHASE));
    return {
      loaded: all.map(({ name, version, firstPhase }) => ({ name, version, phase: firstPhase })),
      preloaded: [...preloaded].sort(),
      misses: [...usedByHandler].filter((name) => !preloaded.has(name)).sort(),
      unusedPreloads: [...preloaded].filter((name) => !usedByHandler.has(name)).sort(),
    };
  }

  /** `parentFilename` inside a package (or equal to the file itself) makes it an indirect use. */
  private note(filename: string, parentFilename: string | undefined): void {
    const owner = packageOf(filename);
    if (!owner) return;
    let entry = this.packages.get(owner.name);
    if (!entry) {
      entry = {
        name: owner.name,
        version: this.versionOf(owner.directory),
        firstPhase: this.current,
        directIn: new Set(),
      };
      this.packages.set(owner.name, entry);
    }
    if (!parentFilename || !packageOf(parentFilename)) entry.directIn.add(this.current);
  }

  private versionOf(directory: string): string | null {
    if (!this.versions.has(directory)) this.versions.set(directory, packageVersion(directory) ?? null);
    return this.versions.get(directory) ?? null;
  }
}
