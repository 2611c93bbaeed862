import type { TrainingJobInput } from '@tailor/runtime-model';

import type { ProfilingDataRepository } from '../models/profiling-data.repository';
import type { TrainingRequest } from './training-worker-message';

/** The rows a retrain learns from: rollups at the window's granularity (hours for a multiple of 60), minutes, feedback. */
export async function readTrainingInput(
  data: ProfilingDataRepository,
  request: TrainingRequest,
): Promise<TrainingJobInput> {
  const from = new Date(request.from);
  const to = new Date(request.to);
  const [windowRows, minuteRows, feedback] = await Promise.all([
    request.windowMinutes % 60 === 0 ? data.rollups('hour', from, to) : Promise.resolve(undefined),
    data.rollups('minute', from, to),
    data.feedback(from, to),
  ]);
  return { ...request, windowRows, minuteRows, feedback };
}
