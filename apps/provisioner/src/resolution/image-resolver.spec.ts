import type { ResolveImageReply, RuntimeProfile } from '@tailor/contracts';
import { defaultProfile } from '@tailor/profiles';

import { ImageResolver, isFinalImage } from './image-resolver';

type Dependencies = ConstructorParameters<typeof ImageResolver>[0];

const HASH = 'a'.repeat(64);
const bare: RuntimeProfile = defaultProfile('shop', 'GET /cart', '20');
const needsLibraries: RuntimeProfile = { ...bare, libraries: [{ name: 'lodash', version: '4.17.21' }] };

const replyOf = (match: ResolveImageReply['match'], buildEnqueued = match !== 'exact'): ResolveImageReply => ({
  imageRef: `tailor/runtime:${match}`,
  imageHash: `${match}-hash`,
  match,
  buildEnqueued,
});

describe('image resolution', () => {
  describe(isFinalImage.name, () => {
    it('should call an exact image final', () => {
      expect(isFinalImage(replyOf('exact'), needsLibraries)).toBe(true);
    });

    it('should call the base image final only for a profile that needs nothing', () => {
      expect(isFinalImage(replyOf('base'), bare)).toBe(true);
      expect(isFinalImage(replyOf('base'), needsLibraries)).toBe(false);
    });

    it('should never call a covering image final: the specialized one is coming', () => {
      expect(isFinalImage(replyOf('covering'), needsLibraries)).toBe(false);
    });
  });

  describe(ImageResolver.name, () => {
    const newResolver = (...replies: ResolveImageReply[]) => {
      const resolveImage = jest.fn<Promise<ResolveImageReply>, []>();
      for (const reply of replies) resolveImage.mockResolvedValueOnce(reply);
      return { resolver: new ImageResolver({ resolveImage } as unknown as Dependencies), resolveImage };
    };

    it('should keep a final answer, so that the next provision asks no one and enqueues no build', async () => {
      const { resolver, resolveImage } = newResolver(replyOf('exact', true));

      const first = await resolver.resolve(HASH, needsLibraries, 'c1');
      const second = await resolver.resolve(HASH, needsLibraries, 'c2');

      expect(first).toMatchObject({ match: 'exact', buildEnqueued: true, cached: false });
      expect(second).toMatchObject({ match: 'exact', buildEnqueued: false, cached: true });
      expect(resolveImage).toHaveBeenCalledTimes(1);
    });

    it('should ask again after a fallback answer, and serve the specialized image once it is built', async () => {
      const { resolver, resolveImage } = newResolver(replyOf('base'), replyOf('exact', false));

      const fallback = await resolver.resolve(HASH, needsLibraries, 'c1');
      const specialized = await resolver.resolve(HASH, needsLibraries, 'c2');

      expect([fallback.match, specialized.match]).toEqual(['base', 'exact']);
      expect(resolveImage).toHaveBeenCalledTimes(2);
    });

    it('should ask again for an image it was told to forget', async () => {
      const { resolver, resolveImage } = newResolver(replyOf('exact'), replyOf('exact'));
      await resolver.resolve(HASH, needsLibraries, 'c1');

      resolver.forget(HASH);
      await resolver.resolve(HASH, needsLibraries, 'c2');

      expect(resolveImage).toHaveBeenCalledTimes(2);
    });
  });
});
