import { serverEvent } from './live.contract';
import { DOCUMENT_EVENTS, documentUpdatedPayloadSchema } from './documents.schema';

/** Server → group room: a document's metadata after a committed change. Pages join through `group:join`. */
export const documentsToClient = {
  updated: serverEvent(DOCUMENT_EVENTS.updated, documentUpdatedPayloadSchema),
};
