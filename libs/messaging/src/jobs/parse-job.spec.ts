import { JobName, QueueName } from '@tailor/contracts';
import { Job, UnrecoverableError } from 'bullmq';

import { jobHandlers, parseJob } from './parse-job';

const jobOf = (name: string, data: unknown) => ({ name, data }) as Job;

describe(parseJob.name, () => {
  it('should give the name and the validated payload of a job of the queue', () => {
    expect(parseJob(QueueName.ModelRetrain, jobOf(JobName.RetrainModel, { requestedBy: 'api', extra: 1 }))).toEqual({
      name: JobName.RetrainModel,
      data: { requestedBy: 'api' },
    });
  });

  it('should fail a job the queue does not carry, or a bad payload, without retries', () => {
    expect(() => parseJob(QueueName.ModelRetrain, jobOf(JobName.BuildImage, {}))).toThrow(
      new UnrecoverableError(`no handler for job ${JobName.BuildImage}`),
    );
    expect(() => parseJob(QueueName.ModelRetrain, jobOf(JobName.RetrainModel, { requestedBy: 'cron' }))).toThrow(
      UnrecoverableError,
    );
    expect(() => parseJob(QueueName.ModelRetrain, jobOf(JobName.RetrainModel, { requestedBy: 'cron' }))).toThrow(
      /bad retrain-model payload/,
    );
  });
});

describe(jobHandlers.name, () => {
  it("should give each job's payload to its handler", async () => {
    const handle = jobHandlers(QueueName.ModelRetrain, {
      [JobName.RetrainModel]: async (data) => `retrained for ${data.requestedBy}`,
    });

    await expect(handle(jobOf(JobName.RetrainModel, { requestedBy: 'schedule' }))).resolves.toBe('retrained for schedule');
    await expect(handle(jobOf(JobName.RetrainModel, {}))).rejects.toThrow(UnrecoverableError);
  });

  it('should refuse at once a queue with a job that has no handler', () => {
    expect(() => jobHandlers(QueueName.ModelRetrain, {} as never)).toThrow(
      `queue ${QueueName.ModelRetrain} has no handler for job ${JobName.RetrainModel}`,
    );
  });
});
