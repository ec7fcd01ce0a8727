import { serverEvent } from './live.contract';
import { REVIEW_EVENTS, reviewUpdatedPayloadSchema } from './review.schema';

/** Server → group room: a document's review changed; open pages fetch it again (rights are per person). */
export const reviewToClient = {
  updated: serverEvent(REVIEW_EVENTS.updated, reviewUpdatedPayloadSchema),
};
