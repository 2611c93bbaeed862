import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectConfig } from '@tailor/config';
import { ModelArtifactError, type ModelMetrics, OnnxRuntimeModel } from '@tailor/runtime-model';
import { PinoLogger } from 'nestjs-pino';

import { type ModelsConfig, modelsConfig } from '../config/predictor-config.groups';
import { ModelVersionRepository } from './model-version.repository';
import { ServingModel } from './serving-model';

/**
 * Holds the served model: the registry's champion, loaded into onnxruntime. A new champion is loaded first and then
 * swapped in by one assignment, so a request runs entirely on the old or entirely on the new model and none is
 * dropped. A champion whose file cannot be served is marked rejected with the reason; the predictor then serves
 * defaults (profiles) and the empirical hazard (forecasts) until a good model is promoted.
 */
@Injectable()
export class ModelRegistryService implements OnModuleInit, OnModuleDestroy {
  private current?: ServingModel;
  private poller?: NodeJS.Timeout;
  private refreshing?: Promise<void>;

  constructor(
    private readonly versions: ModelVersionRepository,
    @InjectConfig(modelsConfig) private readonly models: ModelsConfig,
    private readonly logger: PinoLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.poller = setInterval(() => void this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'model registry poll failed')), this.models.pollIntervalMs);
    this.poller.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.poller);
    await this.refreshing;
    const current = this.current;
    this.current = undefined;
    await current?.retire();
  }

  get serving(): ServingModel | undefined {
    return this.current;
  }

  /** Runs `work` on the served model (or none), keeping that model's session alive until it is done. */
  async use<T>(work: (model: ServingModel | undefined) => Promise<T>): Promise<T> {
    const model = this.current;
    model?.acquire();
    try {
      return await work(model);
    } finally {
      await model?.release();
    }
  }

  /** Loads the registry's champion if it is not the one served. */
  refresh(): Promise<void> {
    this.refreshing ??= this.loadChampion().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /**
   * Loads a model file into onnxruntime without serving it yet. Throws ModelArtifactError (after marking the version
   * rejected) when the file cannot be served.
   */
  async prepare(id: string, version: number, artifact: Uint8Array, metrics: ModelMetrics | undefined): Promise<ServingModel> {
    try {
      return new ServingModel(id, version, await OnnxRuntimeModel.load(artifact), metrics);
    } catch (error) {
      if (error instanceof ModelArtifactError) {
        await this.versions.reject(id, error.reason);
        this.logger.error({ modelVersionId: id, version, reason: error.reason }, 'model file refused');
      }
      throw error;
    }
  }

  /** Serves `next` from now on; requests already running finish on the previous model, whose session is then freed. */
  async install(next: ServingModel): Promise<void> {
    const previous = this.current;
    this.current = next;
    this.logger.info({ modelVersionId: next.id, version: next.version, previous: previous?.version ?? null }, 'serving model swapped');
    await previous?.retire();
  }

  private async loadChampion(): Promise<void> {
    const championId = await this.versions.championId();
    if (championId === (this.current?.id ?? null)) return;
    const champion = await this.versions.champion();
    if (!champion) return;
    if (!champion.artifact) {
      await this.versions.reject(champion.id, 'champion has no model file');
      return;
    }
    try {
      await this.install(await this.prepare(champion.id, champion.version, champion.artifact, champion.metrics as ModelMetrics | undefined));
    } catch (error) {
      if (!(error instanceof ModelArtifactError)) throw error;
    }
  }
}
