/** The outbox's delivery through the platform client: one call per kind. */
import { EncodedJson, type PlatformClient } from '../platform/client.js';
import type { Deliver } from '../outbox/outbox.js';

export function platformDeliver(client: PlatformClient): Deliver {
  return async (kind, json, key) => {
    const body = new EncodedJson(json);
    if (kind === 'case') return (await client.submitCase(body, key)).caseNumber;
    return (await client.submitRating(body, key)).ratingId;
  };
}
