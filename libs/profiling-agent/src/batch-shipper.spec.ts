import { outcomeOf } from './batch-shipper';

describe('BatchShipper', () => {
  describe('outcomeOf', () => {
    const id = '5b0cd3a4-3f0a-4c59-9d0e-0f7b8f1f0a11';

    it('should count a batch delivered only with a receipt for it', () => {
      expect(outcomeOf(202, JSON.stringify({ batchId: id, accepted: 1, duplicate: true }), id)).toBe('delivered');
      expect(outcomeOf(200, '<html>ok</html>', id)).toBe('retry');
      expect(outcomeOf(202, JSON.stringify({ batchId: 'other' }), id)).toBe('retry');
    });

    it('should retry server errors and throttling, split on 413 and give up on other client errors', () => {
      expect(outcomeOf(503, '', id)).toBe('retry');
      expect(outcomeOf(429, '', id)).toBe('retry');
      expect(outcomeOf(413, '', id)).toBe('too-large');
      expect(outcomeOf(400, '{"code":"VALIDATION_FAILED"}', id)).toBe('rejected');
    });
  });
});
