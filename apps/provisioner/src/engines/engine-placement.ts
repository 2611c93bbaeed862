import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { PinoLogger } from 'nestjs-pino';

import { enginesConfig, type EnginesConfig } from '../config/provisioner-config.groups';
import { EngineErrorCode, EngineException } from './engine.exception';
import { DockerEngine, DockerEngines } from './docker-engines';

const MIB = 1024 * 1024;
const IMAGE_PRESENCE_TTL_MS = 60_000;

export interface PlacementCandidate {
  name: string;
  freeBytes: number;
  hasImage: boolean;
}

/** The engine to place on: among those with room, one that already has the image wins, then the most free memory. */
export function chooseEngine(candidates: readonly PlacementCandidate[], memoryBytes: number): PlacementCandidate | null {
  const fitting = candidates.filter((candidate) => candidate.freeBytes >= memoryBytes);
  fitting.sort((a, b) => Number(b.hasImage) - Number(a.hasImage) || b.freeBytes - a.freeBytes);
  return fitting[0] ?? null;
}

/**
 * Places runtime containers on the Docker engines by free memory and image locality. Memory is reserved (the containers'
 * limits, as the kernel would enforce them) per engine in this process, under a key (environment or pool container id)
 * released when the container is removed; the capacity of an engine is HOST_MEMORY_LIMIT_MB or its total memory. An
 * engine without the image gets it from one that has it (docker save | docker load) before the container is created.
 */
@Injectable()
export class EnginePlacement {
  private readonly reservations = new Map<string, { engine: string; bytes: number }>();
  private readonly reservedByEngine = new Map<string, number>();
  private readonly capacity = new Map<string, number>();
  private readonly imagePresence = new Map<string, number>();
  private readonly limitBytes?: number;

  constructor(
    private readonly engines: DockerEngines,
    private readonly logger: PinoLogger,
    @InjectConfig(enginesConfig) enginesSettings: EnginesConfig,
  ) {
    const limitMb = enginesSettings.hostMemoryLimitMb;
    this.limitBytes = limitMb === undefined ? undefined : limitMb * MIB;
  }

  /** Reserves memory for `key` on the best engine and makes sure the engine has the image. */
  async place(key: string, memoryBytes: number, imageRef: string): Promise<DockerEngine> {
    const candidates = await Promise.all(
      this.engines.all().map(async (engine) => ({
        name: engine.name,
        freeBytes: (await this.capacityOf(engine)) - (this.reservedByEngine.get(engine.name) ?? 0),
        hasImage: await this.hasImage(engine, imageRef),
      })),
    );
    const chosen = chooseEngine(candidates, memoryBytes);
    if (!chosen) {
      throw new EngineException(
        EngineErrorCode.NoCapacity,
        `no Docker engine has ${memoryBytes / MIB} MB free for a runtime (free: ${candidates.map((c) => `${c.name} ${Math.floor(c.freeBytes / MIB)} MB`).join(', ')})`,
      );
    }
    this.reserve(key, chosen.name, memoryBytes);
    const engine = this.engines.get(chosen.name);
    if (!chosen.hasImage) {
      try {
        await this.copyImage(imageRef, engine);
      } catch (error) {
        this.release(key);
        throw error;
      }
    }
    return engine;
  }

  /** Records memory already held on an engine (containers adopted at start-up). */
  reserve(key: string, engine: string, bytes: number): void {
    if (this.reservations.has(key)) return;
    this.reservations.set(key, { engine, bytes });
    this.reservedByEngine.set(engine, (this.reservedByEngine.get(engine) ?? 0) + bytes);
  }

  release(key: string): void {
    const reservation = this.reservations.get(key);
    if (!reservation) return;
    this.reservations.delete(key);
    this.reservedByEngine.set(reservation.engine, (this.reservedByEngine.get(reservation.engine) ?? 0) - reservation.bytes);
  }

  reservedBytes(engine: string): number {
    return this.reservedByEngine.get(engine) ?? 0;
  }

  private async capacityOf(engine: DockerEngine): Promise<number> {
    if (this.limitBytes !== undefined) return this.limitBytes;
    let bytes = this.capacity.get(engine.name);
    if (bytes === undefined) {
      const info = (await engine.docker.info()) as { MemTotal: number };
      bytes = info.MemTotal;
      this.capacity.set(engine.name, bytes);
    }
    return bytes;
  }

  private async hasImage(engine: DockerEngine, imageRef: string): Promise<boolean> {
    const key = `${engine.name}\u0000${imageRef}`;
    const seenAt = this.imagePresence.get(key);
    if (seenAt !== undefined && Date.now() - seenAt < IMAGE_PRESENCE_TTL_MS) return true;
    const present = await engine.docker
      .getImage(imageRef)
      .inspect()
      .then(() => true)
      .catch(() => false);
    if (present) this.imagePresence.set(key, Date.now());
    else this.imagePresence.delete(key);
    return present;
  }

  private async copyImage(imageRef: string, target: DockerEngine): Promise<void> {
    const source = this.engines.all().find((engine) => engine !== target && this.imagePresence.has(`${engine.name}\u0000${imageRef}`));
    if (!source) throw new EngineException(EngineErrorCode.ImageMissing, `no Docker engine has the image ${imageRef}`);
    const started = performance.now();
    const archive = await source.docker.getImage(imageRef).get();
    const progress = await target.docker.loadImage(archive);
    await new Promise<void>((resolve, reject) =>
      target.docker.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    this.imagePresence.set(`${target.name}\u0000${imageRef}`, Date.now());
    this.logger.info({ imageRef, from: source.name, to: target.name, ms: Math.round(performance.now() - started) }, 'copied image to engine');
  }
}
