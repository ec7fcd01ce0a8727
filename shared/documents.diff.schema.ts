import { z } from 'zod';

// Visible changes between two states of a document, as ONE text with insertions and deletions
// (word level), computed on the server and rendered by the browser and the print view.

/**
 * A state of a document: `current` (the working text), `published` (the last version of record),
 * `published:<n>` (version of record n) or `version:<id>` (a version of the history). Stable: the
 * review panel links "changed since you approved" as from=version:<id>&to=current.
 */
export const versionRefSchema = z.string().trim().max(80)
  .regex(/^(current|published|published:[1-9]\d{0,5}|version:[\w-]{1,64})$/, 'Version inconnue : current, published, published:<numéro> ou version:<identifiant>.');
export type VersionRef = z.infer<typeof versionRefSchema>;

export const diffQuerySchema = z.object({ from: versionRefSchema.default('published'), to: versionRefSchema.default('current') });

export const DIFF_OPS = ['equal', 'insert', 'delete'] as const;
export const diffSegmentSchema = z.object({ op: z.enum(DIFF_OPS), text: z.string() });
export type DiffSegment = z.infer<typeof diffSegmentSchema>;

/** How a whole block changed: kept as is, added, removed, or kept with changes inside. */
export const BLOCK_CHANGES = ['equal', 'insert', 'delete', 'modify'] as const;
const change = z.enum(BLOCK_CHANGES);

export const diffTextBlockSchema = z.object({
  kind: z.literal('text'),
  node: z.enum(['paragraph', 'heading', 'codeBlock', 'horizontalRule']),
  /** Heading level (1–6) for headings. */
  level: z.number().int().min(1).max(6).nullable(),
  /** The list the block sits in (the innermost), its nesting depth (0 outside lists) and a task's state. */
  list: z.enum(['bullet', 'ordered', 'task']).nullable(),
  depth: z.number().int().min(0),
  checked: z.boolean().nullable(),
  quote: z.boolean(),
  change,
  segments: z.array(diffSegmentSchema),
});
export const diffCellSchema = z.object({ header: z.boolean(), change, segments: z.array(diffSegmentSchema) });
export const diffTableBlockSchema = z.object({
  kind: z.literal('table'),
  change,
  rows: z.array(z.object({ change, cells: z.array(diffCellSchema) })),
});
export const diffBlockSchema = z.discriminatedUnion('kind', [diffTextBlockSchema, diffTableBlockSchema]);
export type DiffTextBlock = z.infer<typeof diffTextBlockSchema>;
export type DiffTableBlock = z.infer<typeof diffTableBlockSchema>;
export type DiffBlock = z.infer<typeof diffBlockSchema>;
export type DiffCell = z.infer<typeof diffCellSchema>;

/** What a side of the comparison is, for the page to name it in the person's language. */
export const diffSideSchema = z.object({
  ref: z.string(),
  kind: z.enum(['current', 'published', 'version']),
  /** A version of record's number. */
  number: z.number().int().nullable(),
  /** A history version's kind and name. */
  versionKind: z.enum(['auto', 'named', 'restore']).nullable(),
  name: z.string().nullable(),
  /** When that state was recorded (null for the working text). */
  at: z.string().nullable(),
});
export type DiffSide = z.infer<typeof diffSideSchema>;

export const diffReplySchema = z.object({
  documentId: z.string(),
  title: z.string(),
  from: diffSideSchema,
  to: diffSideSchema,
  blocks: z.array(diffBlockSchema),
  /** Words inserted and deleted, for the summary read first. */
  counts: z.object({ insertions: z.number().int(), deletions: z.number().int() }),
});
export type DiffReply = z.infer<typeof diffReplySchema>;
