import { Injectable } from '@nestjs/common';
import { ImageMatch, type ResolveImageReply, type RuntimeProfile } from '@tailor/contracts';

import { PeerAppsGateway } from '../rpc-clients/peer-apps.gateway';

const CACHE_LIMIT = 10_000;

/** Whether an answer of the factory can never change: an exact image, or the base image of a profile that needs nothing. */
export function isFinalImage(reply: ResolveImageReply, profile: RuntimeProfile): boolean {
  if (reply.match === ImageMatch.Exact) return true;
  return reply.match === ImageMatch.Base && profile.libraries.length === 0 && profile.preloadedData.length === 0;
}

/**
 * The image of a profile, from the runtime-factory (exact, else the smallest covering, else base; the factory enqueues
 * the build and never waits for it). Answers that cannot change are kept, so that a warm hit asks no one; a covering or
 * base answer for a profile that needs an image is asked again, so the specialized image serves as soon as it is built.
 */
@Injectable()
export class ImageResolver {
  private readonly final = new Map<string, ResolveImageReply>();

  constructor(private readonly peerApps: PeerAppsGateway) {}

  async resolve(contentHash: string, profile: RuntimeProfile, correlationId: string): Promise<ResolveImageReply & { cached: boolean }> {
    const known = this.final.get(contentHash);
    if (known) return { ...known, buildEnqueued: false, cached: true };
    const reply = await this.peerApps.resolveImage({ correlationId, contentHash, profile });
    if (isFinalImage(reply, profile)) {
      if (this.final.size >= CACHE_LIMIT) this.final.clear();
      this.final.set(contentHash, reply);
    }
    return { ...reply, cached: false };
  }

  /** Forgets an image the engine no longer has. */
  forget(contentHash: string): void {
    this.final.delete(contentHash);
  }
}
