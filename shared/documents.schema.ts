import { z } from 'zod';
import { LIMITS } from './limits';

/** The kinds of documents a group creates, each from its own template. */
export const DOCUMENT_KINDS = [
  'reference_programme',
  'tool_sheet',
  'benchmark_grid',
  'annual_self_evaluation',
  'quadrennial_evaluation',
  'partnership_agreement',
  'blank',
] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** The working text's status. "Published" belongs to versions of record (documents.publication.schema.ts). */
export const DOCUMENT_STATUSES = ['draft', 'in_review', 'validated'] as const;
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/**
 * The review workflow: which moves exist and whether only a lead may make them. Validating and
 * undoing it is for leads; members send a draft to review and take it back. Publishing is not a
 * move of the working text: it makes a version of record (POST /:id/publications).
 */
export const STATUS_TRANSITIONS: ReadonlyArray<{ from: DocumentStatus; to: DocumentStatus; leadOnly: boolean }> = [
  { from: 'draft', to: 'in_review', leadOnly: false },
  { from: 'in_review', to: 'draft', leadOnly: false },
  { from: 'in_review', to: 'validated', leadOnly: true },
  { from: 'validated', to: 'draft', leadOnly: true },
];

export const DOCUMENT_LIMITS = {
  titleMax: 200,
  themeMax: 60,
  themesMax: 10,
  versionNameMax: 120,
  searchResultsMax: 30,
  /** Per person and minute: exports (a DOCX costs CPU) and searches. */
  exportsPerMinute: 30,
  searchesPerMinute: 60,
} as const;

const isoDate = z.string();

export const documentSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  title: z.string(),
  kind: documentKindSchema,
  status: documentStatusSchema,
  themes: z.array(z.string()),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  deletedAt: isoDate.nullable(),
  /** The version of record shown in the public library; null while the document is not in it. */
  publishedVersion: z.number().int().nullable(),
});
export type DocumentMeta = z.infer<typeof documentSchema>;

/** What the person asking may do with the document (the server decides, the client shows). */
export const documentAccessSchema = z.object({ canWrite: z.boolean(), canLead: z.boolean() });
export type DocumentAccess = z.infer<typeof documentAccessSchema>;

export const documentReplySchema = z.object({ document: documentSchema, access: documentAccessSchema });
export const documentListSchema = z.object({ documents: z.array(documentSchema), access: documentAccessSchema });
export const documentListQuerySchema = z.object({ groupId: z.string().min(1).max(64) });
export const documentParamsSchema = z.object({ id: z.string().min(1).max(64) });

const themesSchema = z.array(z.string().trim().min(1).max(DOCUMENT_LIMITS.themeMax)).max(DOCUMENT_LIMITS.themesMax);

export const documentCreateSchema = z.object({
  groupId: z.string().min(1).max(64),
  title: z.string().trim().min(2).max(DOCUMENT_LIMITS.titleMax),
  kind: documentKindSchema,
  themes: themesSchema.default([]),
});
export type DocumentCreate = z.input<typeof documentCreateSchema>;

export const documentPatchSchema = z.object({
  title: z.string().trim().min(2).max(DOCUMENT_LIMITS.titleMax).optional(),
  themes: themesSchema.optional(),
});
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

export const statusChangeSchema = z.object({ status: documentStatusSchema });

/** Server → group room (`group:<id>`): a document's metadata after a committed change (title, themes, status, trash, restore). */
export const DOCUMENT_EVENTS = { updated: 'documents:updated' } as const;
export const documentUpdatedPayloadSchema = z.object({ document: documentSchema });
export type DocumentUpdatedPayload = z.infer<typeof documentUpdatedPayloadSchema>;

// Version history
export const VERSION_KINDS = ['auto', 'named', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];
export const versionSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  kind: z.enum(VERSION_KINDS),
  name: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDate,
});
export type DocumentVersion = z.infer<typeof versionSchema>;
export const versionListSchema = z.object({ versions: z.array(versionSchema) });
export const versionCreateSchema = z.object({ name: z.string().trim().min(1).max(DOCUMENT_LIMITS.versionNameMax) });
export const versionParamsSchema = z.object({ id: z.string().min(1).max(64), versionId: z.string().min(1).max(64) });
/** A version or the current text, as sanitised HTML ready to show read-only. */
export const versionDetailSchema = z.object({ version: versionSchema, html: z.string() });
export const contentReplySchema = z.object({ html: z.string() });
/** The server's Yjs state vector (base64): the editor compares it with its own to say "Enregistré" truthfully. */
export const stateVectorReplySchema = z.object({ stateVector: z.string() });

// Export
export const EXPORT_FORMATS = ['html', 'md', 'docx', 'pdf'] as const;
/**
 * `version`: a version reference, in the form the comparison of versions uses (`version:<id>`, a
 * version of the history; `published`, the last published version; `published:<n>`, version of record
 * n), exported instead of the working text; the PDF's footer names it.
 * Absent: the working text.
 */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  version: z.string().regex(/^(version:[\w-]{1,64}|published(:\d{1,6})?)$/, 'Version inconnue : version:<identifiant>, published ou published:<numéro>.').optional(),
  /** "1": add the "Commentaires" appendix (HTML and Markdown; feature comments). */
  comments: z.enum(['0', '1']).optional(),
});

// Search
export const searchQuerySchema = z.object({ q: z.string().trim().min(2).max(LIMITS.searchQueryMax) });
export const searchResultSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  /** Plain text around the match; the client marks nothing as HTML. */
  snippet: z.string(),
});
export const searchReplySchema = z.object({ results: z.array(searchResultSchema) });

// Public resource library: the published versions of documents, readable by visitors (one resource: documents.publication.schema.ts).
export const resourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: documentKindSchema,
  themes: z.array(z.string()),
  groupName: z.string(),
  /** When the version shown was published (the working text's edits never move it). */
  updatedAt: isoDate,
  /** The number of the version of record shown. */
  version: z.number().int(),
});
export const resourceListSchema = z.object({ resources: z.array(resourceSchema) });
