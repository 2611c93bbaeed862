import type { ProfilingData } from '@tailor/contracts';

import { RecordBuffer } from './record-buffer';

const record = (invocations: number) => ({ invocations }) as ProfilingData;

describe(RecordBuffer.name, () => {
  describe('push', () => {
    it('should drop the oldest records beyond its bound, counting the batch in flight, and return their invocations', () => {
      const buffer = new RecordBuffer(4);
      buffer.setInFlight(1);

      expect(buffer.push([record(1), record(2)])).toBe(0);
      expect(buffer.push([record(3), record(4)])).toBe(1);

      expect(buffer.length).toBe(3);
      expect(buffer.take(10).map((r) => r.invocations)).toEqual([2, 3, 4]);
    });
  });
});
