import { z } from 'zod';
import { PUBLICATION_LIMITS } from './limits';
import { documentSchema, resourceSchema } from './documents.schema';

// Versions of record: publishing freezes the working text as a numbered public version with a
// change note; the public library shows the last one, never the working text.

/** The note a lead writes when publishing: what changed, for the readers of the library. */
export const publishBodySchema = z.object({
  note: z.string().trim().min(PUBLICATION_LIMITS.noteMin).max(PUBLICATION_LIMITS.noteMax),
});
export type PublishBody = z.infer<typeof publishBodySchema>;

/** One published version as everyone may read it (number, note, date). */
export const publicVersionSchema = z.object({
  number: z.number().int().positive(),
  note: z.string(),
  publishedAt: z.string(),
});
export type PublicVersion = z.infer<typeof publicVersionSchema>;

/** For the group: also who published it. */
export const publicationSchema = publicVersionSchema.extend({
  title: z.string(),
  publishedByName: z.string().nullable(),
});
export type Publication = z.infer<typeof publicationSchema>;

/** The document page's view of its versions of record, newest first. */
export const publicationListSchema = z.object({
  publications: z.array(publicationSchema),
  /** The number shown in the library; null when the document is not in it. */
  inLibrary: z.number().int().nullable(),
});
export const publishReplySchema = z.object({ publication: publicationSchema, document: documentSchema });
export const unpublishReplySchema = z.object({ document: documentSchema });

/** A published resource (the last version, or any earlier one) with the list of all its versions. */
export const resourceReplySchema = z.object({
  resource: resourceSchema,
  /** The version whose text is in `html`. */
  version: publicVersionSchema,
  /** Every published version, newest first; the first is the one the library shows. */
  versions: z.array(publicVersionSchema),
  html: z.string(),
});
export const resourceVersionParamsSchema = z.object({
  id: z.string().min(1).max(64),
  number: z.coerce.number().int().positive().max(1_000_000),
});
