import { diffArrays } from 'diff';
import type { DiffBlock, DiffCell, DiffSegment, DiffTableBlock } from '../../../../shared/documents.diff.schema';
import type { PmNode } from '../content/prose';
import { keyOf, unitsOf, type TableUnit, type TextUnit, type Unit } from './diff.blocks';
import { similarity, wordCount, wordDiff } from './diff.words';

/** Aligning blocks (or table rows) longer than this gives up and shows everything replaced. */
const ALIGN_TIMEOUT_MS = 5_000;
/** Pairing removed with added blocks is quadratic in a run of changes: past this, no pairing. */
const PAIRING_MAX = 250_000;
/** A removed and an added block with at least this share of words in common are one block changed. */
const SAME_BLOCK = 0.4;

const whole = (op: DiffSegment['op'], text: string): DiffSegment[] => (text ? [{ op, text }] : []);

function textBlock(unit: TextUnit, change: DiffBlock['change'], segments: DiffSegment[]): DiffBlock {
  const { text: _text, ...place } = unit;
  return { ...place, change, segments };
}

function cellsOf(cells: TableUnit['rows'][number]['cells'], op: 'equal' | 'insert' | 'delete'): DiffCell[] {
  const change = op === 'equal' ? 'equal' : op;
  return cells.map((c) => ({ header: c.header, change, segments: whole(op, c.text) }));
}

function tableBlock(unit: TableUnit, op: 'equal' | 'insert' | 'delete'): DiffTableBlock {
  const change = op === 'equal' ? 'equal' : op;
  return { kind: 'table', change, rows: unit.rows.map((r) => ({ change, cells: cellsOf(r.cells, op) })) };
}

/** Two versions of one row, cell by cell (cells added or removed at the end shown as such). */
function rowDiff(a: TableUnit['rows'][number], b: TableUnit['rows'][number]): DiffTableBlock['rows'][number] {
  const cells: DiffCell[] = [];
  for (let i = 0; i < Math.max(a.cells.length, b.cells.length); i++) {
    const [ca, cb] = [a.cells[i], b.cells[i]];
    if (!cb) cells.push({ header: ca.header, change: 'delete', segments: whole('delete', ca.text) });
    else if (!ca) cells.push({ header: cb.header, change: 'insert', segments: whole('insert', cb.text) });
    else cells.push({ header: cb.header, change: ca.text === cb.text ? 'equal' : 'modify', segments: wordDiff(ca.text, cb.text) });
  }
  return { change: cells.every((c) => c.change === 'equal') ? 'equal' : 'modify', cells };
}

/**
 * Aligns two sequences by key (jsdiff's diffArrays), then walks each run of removed and added
 * items: an item pairs with the first added one that is `pairable` (shown changed inside);
 * the others are shown removed or added, removals first.
 */
function align<T>(a: T[], b: T[], key: (x: T) => string, pairable: (x: T, y: T) => boolean, emit: {
  equal: (x: T, y: T) => void; modify: (x: T, y: T) => void; remove: (x: T) => void; add: (y: T) => void;
}): void {
  const changes = diffArrays(a.map(key), b.map(key), { timeout: ALIGN_TIMEOUT_MS }) ?? [{ value: a.map(key), removed: true, added: false, count: a.length }, { value: b.map(key), added: true, removed: false, count: b.length }];
  let [i, j] = [0, 0];
  let removed: T[] = [];
  let added: T[] = [];
  const flush = () => {
    const pairing = removed.length * added.length <= PAIRING_MAX;
    let [r, s] = [0, 0];
    while (r < removed.length || s < added.length) {
      if (r < removed.length && s < added.length && pairing && pairable(removed[r], added[s])) {
        emit.modify(removed[r++], added[s++]);
      } else if (r < removed.length && (s >= added.length || !pairing || !added.slice(s).some((y) => pairable(removed[r], y)))) {
        emit.remove(removed[r++]);
      } else {
        emit.add(added[s++]);
      }
    }
    removed = [];
    added = [];
  };
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.removed) removed.push(...a.slice(i, (i += n)));
    else if (c.added) added.push(...b.slice(j, (j += n)));
    else {
      flush();
      for (let k = 0; k < n; k++) emit.equal(a[i++], b[j++]);
    }
  }
  flush();
}

function tableDiff(a: TableUnit, b: TableUnit): DiffTableBlock {
  const rows: DiffTableBlock['rows'] = [];
  const rowKey = (r: TableUnit['rows'][number]) => r.cells.map((c) => c.text).join('\u0001');
  // A row is the same row changed when it keeps its shape and its first cell (its label), or most of its words.
  const sameRow = (x: TableUnit['rows'][number], y: TableUnit['rows'][number]) => x.cells.length === y.cells.length
    && (x.cells[0]?.text === y.cells[0]?.text || similarity(rowKey(x).replaceAll('\u0001', ' '), rowKey(y).replaceAll('\u0001', ' ')) >= SAME_BLOCK);
  align(a.rows, b.rows, rowKey, sameRow, {
    equal: (x) => rows.push({ change: 'equal', cells: cellsOf(x.cells, 'equal') }),
    modify: (x, y) => rows.push(rowDiff(x, y)),
    remove: (x) => rows.push({ change: 'delete', cells: cellsOf(x.cells, 'delete') }),
    add: (y) => rows.push({ change: 'insert', cells: cellsOf(y.cells, 'insert') }),
  });
  return { kind: 'table', change: rows.every((r) => r.change === 'equal') ? 'equal' : 'modify', rows };
}

function pairable(x: Unit, y: Unit): boolean {
  if (x.kind === 'table' || y.kind === 'table') return x.kind === y.kind;
  if (x.node !== y.node) return false;
  return x.text === '' || y.text === '' || similarity(x.text, y.text) >= SAME_BLOCK;
}

/** The two documents as one text: every block kept, added, removed or changed word by word. */
export function diffDocuments(from: PmNode, to: PmNode): { blocks: DiffBlock[]; counts: { insertions: number; deletions: number } } {
  const blocks: DiffBlock[] = [];
  align(unitsOf(from), unitsOf(to), keyOf, pairable, {
    equal: (_x, y) => blocks.push(y.kind === 'table' ? tableBlock(y, 'equal') : textBlock(y, 'equal', whole('equal', y.text))),
    modify: (x, y) => {
      if (x.kind === 'table' && y.kind === 'table') blocks.push(tableDiff(x, y));
      else if (x.kind === 'text' && y.kind === 'text') {
        const segments = wordDiff(x.text, y.text);
        blocks.push(textBlock(y, segments.every((s) => s.op === 'equal') ? 'equal' : 'modify', segments));
      }
    },
    remove: (x) => blocks.push(x.kind === 'table' ? tableBlock(x, 'delete') : textBlock(x, 'delete', whole('delete', x.text))),
    add: (y) => blocks.push(y.kind === 'table' ? tableBlock(y, 'insert') : textBlock(y, 'insert', whole('insert', y.text))),
  });
  const counts = { insertions: 0, deletions: 0 };
  const count = (segments: DiffSegment[]) => {
    for (const s of segments) {
      if (s.op === 'insert') counts.insertions += wordCount(s.text);
      if (s.op === 'delete') counts.deletions += wordCount(s.text);
    }
  };
  for (const block of blocks) {
    if (block.kind === 'text') count(block.segments);
    else for (const row of block.rows) for (const cell of row.cells) count(cell.segments);
  }
  return { blocks, counts };
}
