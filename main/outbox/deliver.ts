/** The outbox's delivery through the platform client: one call per kind. */
import type { PlatformClient } from '../platform/client.js';
import type { CaseSubmission, RatingSubmission } from '../platform/schemas.js';
import type { Deliver } from './outbox.js';

export function platformDeliver(client: PlatformClient): Deliver {
  return async (kind, body, key) => {
    if (kind === 'case') return (await client.submitCase(body as CaseSubmission, key)).caseNumber;
    return (await client.submitRating(body as RatingSubmission, key)).ratingId;
  };
}
