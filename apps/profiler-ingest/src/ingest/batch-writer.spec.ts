import { BatchWriter } from './batch-writer';
import type { PreparedBatch, ProfilingEventRepository, StoredBatch } from './profiling-event.repository';

const prepared = (batchId: string): PreparedBatch => ({
  batchId,
  eventCount: 1,
  droppedInvocations: 0,
  agentInstanceId: null,
  rows: { columns: [], librarySets: new Map() },
  rollups: [],
});

/** A repository that records each transaction's batch ids; the first transaction waits until `release()`. */
function fakeRepository(refuse?: string) {
  const transactions: string[][] = [];
  let release = () => undefined as void;
  const firstHeld = new Promise<void>((resolve) => (release = resolve));
  const repository = {
    storeBatches: async (batches: PreparedBatch[]): Promise<StoredBatch[]> => {
      const ids = batches.map((b) => b.batchId);
      transactions.push(ids);
      if (transactions.length === 1) await firstHeld;
      if (refuse && ids.includes(refuse)) throw new Error(`refused ${refuse}`);
      return ids.map((batchId) => ({ batchId, accepted: 1, duplicate: false }));
    },
  };
  return { repository: repository as unknown as ProfilingEventRepository, transactions, release: () => release() };
}

describe(BatchWriter.name, () => {
  describe('write', () => {
    it('should write the batches that arrive during a transaction together in the next one', async () => {
      const { repository, transactions, release } = fakeRepository();
      const writer = new BatchWriter(repository);

      const first = writer.write(prepared('a'));
      const waiting = ['b', 'c', 'd'].map((id) => writer.write(prepared(id)));
      release();

      await expect(first).resolves.toMatchObject({ batchId: 'a', duplicate: false });
      await expect(Promise.all(waiting)).resolves.toHaveLength(3);
      expect(transactions).toEqual([['a'], ['b', 'c', 'd']]);
    });

    it('should write two copies of one batch id (retries, in any letter case) in different transactions', async () => {
      const { repository, transactions, release } = fakeRepository();
      const writer = new BatchWriter(repository);

      const writes = ['a', 'b', 'c', 'C', 'd'].map((id) => writer.write(prepared(id)));
      release();
      await Promise.all(writes);

      expect(transactions).toEqual([['a'], ['b', 'c', 'd'], ['C']]);
    });

    it('should fail only the batch a failed transaction cannot store, writing the others alone', async () => {
      const { repository, transactions, release } = fakeRepository('c');
      const writer = new BatchWriter(repository);

      const first = writer.write(prepared('a'));
      const [b, c, d] = ['b', 'c', 'd'].map((id) => writer.write(prepared(id)));
      release();

      await expect(first).resolves.toMatchObject({ batchId: 'a' });
      await expect(b).resolves.toMatchObject({ batchId: 'b' });
      await expect(c).rejects.toThrow('refused c');
      await expect(d).resolves.toMatchObject({ batchId: 'd' });
      expect(transactions).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']]);
    });
  });
});
