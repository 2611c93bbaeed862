import { Injectable } from '@nestjs/common';
import { FeedbackKind, Prisma, PrismaService, ProvisionOutcome } from '@tailor/prisma';

/** A cold provision's outcome: how long its runtime took to be ready, on which image, for which predicted profile. */
export interface ColdProvisionFeedback {
  environmentId: string;
  applicationId: string;
  endpointId: string;
  timeToReadyMs: number;
  imageUsedHash: string | null;
  imagePredictedHash: string;
}

/** What the runtime saw during an invocation: the libraries it had to load, the preloads nobody used, its memory. */
export interface InvocationFeedback {
  environmentId: string;
  applicationId: string;
  endpointId: string;
  outcome: ProvisionOutcome;
  timeToReadyMs: number;
  durationMs: number;
  librariesMissed: string[];
  preloadsUnused: string[];
  memoryPeakBytes: number | null;
  imageUsedHash: string | null;
  imagePredictedHash: string | null;
}

/** The claim statement's parameters that carry a warm hit's feedback (see `warmHitFeedbackStatement`). */
export interface WarmHitFeedbackParameters {
  timeToReadyMs: string;
  imagePredictedHash: string;
}

/**
 * Writes the feedback rows the nightly retrain learns from (the predictor reads them): one per provision, warm or cold,
 * and one per invocation. Each is written with the environment write it belongs to, in that write's transaction or
 * statement, so an environment never exists without its provision's row.
 */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A warm hit's row, as a data-modifying CTE named `feedback` of the pool's claim statement, which claims the container,
   * creates the environment (its CTE `environment`) and writes this row at once.
   */
  static warmHitFeedbackStatement({ timeToReadyMs, imagePredictedHash }: WarmHitFeedbackParameters): string {
    return `feedback AS (
    INSERT INTO feedback (id, "environmentId", "applicationId", "endpointId", outcome, "timeToReadyMs",
      "librariesMissed", "preloadsUnused", "imageUsedHash", "imagePredictedHash", kind)
    SELECT gen_random_uuid(), e.id, e."applicationId", e."endpointId", '${ProvisionOutcome.warm}', ${timeToReadyMs}, '{}', '{}',
      e."imageHash", ${imagePredictedHash}, '${FeedbackKind.provision}'
    FROM environment e
  )`;
  }

  /** A cold provision's row, in the transaction that marks its environment running. */
  async recordColdProvision(transaction: Prisma.TransactionClient, feedback: ColdProvisionFeedback): Promise<void> {
    await transaction.feedback.create({
      data: {
        ...feedback,
        outcome: ProvisionOutcome.cold,
        librariesMissed: [],
        preloadsUnused: [],
        kind: FeedbackKind.provision,
      },
    });
  }

  /** An invocation's row, for a batch transaction with the environment's activity. */
  invocation(feedback: InvocationFeedback): Prisma.PrismaPromise<unknown> {
    return this.prisma.feedback.create({ data: { ...feedback, kind: FeedbackKind.invocation } });
  }
}
