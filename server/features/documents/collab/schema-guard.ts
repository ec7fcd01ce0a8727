import * as Y from 'yjs';
import type { SchemaRules } from './schema-rules';
import { markName } from './schema-rules';

/**
 * Checks a client's Yjs update against the editor schema BEFORE it touches the document, so that
 * nothing of a refused update is applied, stored or broadcast. Yjs cannot undo an applied update;
 * checking first is the only way to keep the shared document valid for everyone.
 *
 * Each new item is placed the way Yjs will place it (`Item.getMissing`): its parent is written in
 * the update, or inherited (with the attribute key) from its left neighbour, else its right one;
 * a neighbour that was garbage-collected makes the item garbage too, so it needs no check.
 * Work is proportional to the update, plus a lookup in the document per reference.
 */

/** Where an item lands: the root fragment, an element, a text inside an element, or elsewhere. */
type Container =
  | { kind: 'root'; name: string }
  | { kind: 'element'; name: string; depth: number }
  | { kind: 'text'; element: Container }
  | { kind: 'other' };

type Placement = { container: Container; key: string | null } | 'gc' | 'missing';

/**
 * `items`: structs the update adds to the document. `continues`: every struct is new and each
 * writer's structs start where the document stops (no gap, nothing already known), so Yjs will
 * integrate the update whole and its own bytes say exactly what it adds.
 */
export type GuardVerdict = { ok: true; items: number; continues: boolean } | { ok: false; reason: string; code: 'invalid' | 'malformed' | 'too-many' };

export interface GuardOptions {
  rules: SchemaRules;
  /** The one root type documents may use (Tiptap's `default`). */
  fragment: string;
  maxDepth: number;
  maxItemsPerUpdate: number;
}

class Refusal extends Error {}

type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs's DeleteSet (not exported by its types): deleted ranges per writer. */
type Deletions = { clients: Map<number, Array<{ clock: number; len: number }>> };
type AnyType = Y.AbstractType<any>;

export function checkUpdate(doc: Y.Doc, update: Uint8Array, options: GuardOptions): GuardVerdict {
  let decoded: { structs: Struct[]; ds: Deletions };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: Deletions };
  } catch {
    return { ok: false, code: 'malformed', reason: 'mise à jour illisible' };
  }
  const { structs } = decoded;
  if (structs.length > options.maxItemsPerUpdate) {
    return { ok: false, code: 'too-many', reason: `trop d’éléments en une fois (${structs.length})` };
  }
  try {
    const checker = new UpdateChecker(doc, structs, options);
    const items = checker.run();
    return { ok: true, items, continues: items > 0 && items === structs.length && checker.continuesDocument(decoded.ds) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, code: 'invalid', reason: err.message };
    return { ok: false, code: 'malformed', reason: 'mise à jour incohérente' };
  }
}

class UpdateChecker {
  private readonly byClient = new Map<number, Struct[]>();
  private readonly placements = new Map<Y.Item, Placement>();
  private readonly docContainers = new Map<AnyType, Container>();
  private rootNames: Map<AnyType, string> | null = null;

  constructor(private readonly doc: Y.Doc, private readonly structs: Struct[], private readonly options: GuardOptions) {
    for (const s of structs) {
      const list = this.byClient.get(s.id.client);
      if (list) list.push(s);
      else this.byClient.set(s.id.client, [s]);
    }
  }

  /** Checks every new item; the number of new structs. */
  run(): number {
    let added = 0;
    for (const s of this.structs) {
      // Already in the document (a reconnecting client resends what it has): Yjs skips it.
      if (s.id.clock + s.length <= Y.getState(this.doc.store, s.id.client)) continue;
      if (s instanceof Y.Skip) continue;
      added++;
      if (s instanceof Y.Item) this.checkItem(s);
    }
    return added;
  }

  /**
   * Each writer's first struct is the next clock the document expects of it (decoded runs are
   * contiguous), and every deletion falls on what the document or the update holds: Yjs would
   * hold back a deletion of anything else, and keep it out of what it reports.
   */
  continuesDocument(ds: Deletions): boolean {
    for (const [client, list] of this.byClient) if (list[0].id.clock !== Y.getState(this.doc.store, client)) return false;
    for (const [client, deletions] of ds.clients) {
      const own = this.byClient.get(client);
      const known = own ? own[own.length - 1].id.clock + own[own.length - 1].length : Y.getState(this.doc.store, client);
      for (const d of deletions) if (d.clock + d.len > known) return false;
    }
    return true;
  }

  private checkItem(item: Y.Item): void {
    const placement = this.place(item);
    if (placement === 'gc') return;
    if (placement === 'missing') throw new Refusal('la mise à jour dépend d’un contenu inconnu du serveur');
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return;
    const { container, key } = placement;
    const rules = this.options.rules;
    switch (container.kind) {
      case 'root': {
        if (container.name !== this.options.fragment) throw new Refusal(`type racine inconnu « ${clip(container.name)} »`);
        if (key !== null) throw new Refusal('attribut sur la racine du document');
        return this.checkChild(rules.top, 0, content);
      }
      case 'element': {
        if (key !== null) {
          if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || !rules.attribute(container.name, key, content.arr[0])) {
            throw new Refusal(`attribut « ${clip(key)} » invalide pour « ${container.name} »`);
          }
          return;
        }
        return this.checkChild(container.name, container.depth, content);
      }
      case 'text': {
        const element = container.element;
        if (element.kind !== 'element' || !rules.holdsText(element.name)) throw new Refusal('texte à un endroit qui n’en accepte pas');
        if (key !== null) throw new Refusal('attribut sur un texte');
        if (content instanceof Y.ContentString) return;
        if (content instanceof Y.ContentFormat) {
          const mark = markName(content.key);
          if (!rules.allowsMark(element.name, mark) || !rules.markValue(mark, content.value)) {
            throw new Refusal(`mise en forme « ${clip(content.key)} » invalide`);
          }
          return;
        }
        throw new Refusal('contenu inattendu dans un texte');
      }
      default:
        throw new Refusal('contenu hors du schéma du document');
    }
  }

  /** A child (element or text) inserted into `parent` at nesting `depth`. */
  private checkChild(parent: string, depth: number, content: Y.Item['content']): void {
    const rules = this.options.rules;
    if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlElement) {
        if (!rules.children(parent)?.has(type.nodeName)) throw new Refusal(`« ${clip(type.nodeName)} » n’est pas permis dans « ${parent} »`);
        if (depth + 1 > this.options.maxDepth) throw new Refusal(`imbrication trop profonde (plus de ${this.options.maxDepth} niveaux)`);
        return;
      }
      if (type instanceof Y.XmlText && type.constructor === Y.XmlText) {
        if (!rules.holdsText(parent)) throw new Refusal(`texte non permis directement dans « ${parent} »`);
        return;
      }
    }
    throw new Refusal(`contenu non permis dans « ${parent} »`);
  }

  // Where Yjs will put this item (mirrors Item.getMissing), memoised for chains of neighbours.
  private place(item: Y.Item): Placement {
    const known = this.placements.get(item);
    if (known) return known;
    const chain: Y.Item[] = [];
    let current: Y.Item = item;
    let result: Placement | undefined;
    for (;;) {
      const memo = this.placements.get(current);
      if (memo) { result = memo; break; }
      chain.push(current);
      if (chain.length > this.structs.length + 1) { result = 'missing'; break; }
      const left = current.origin ? this.find(current.origin) : null;
      const right = current.rightOrigin ? this.find(current.rightOrigin) : null;
      if ((current.origin && left === null) || (current.rightOrigin && right === null)) { result = 'missing'; break; }
      if (left instanceof Y.GC || right instanceof Y.GC || left instanceof Y.Skip || right instanceof Y.Skip) {
        result = left instanceof Y.Skip || right instanceof Y.Skip ? 'missing' : 'gc';
        break;
      }
      const parent = current.parent as unknown;
      if (parent === null) {
        const neighbour = (left ?? right) as Y.Item | null;
        if (!neighbour) { result = 'missing'; break; }
        if (this.isIntegrated(neighbour)) { result = this.placeIntegrated(neighbour); break; }
        current = neighbour;
        continue;
      }
      if (typeof parent === 'string') { result = { container: { kind: 'root', name: parent }, key: current.parentSub }; break; }
      const owner = this.find(parent as Y.ID);
      if (owner === null || owner instanceof Y.Skip) { result = 'missing'; break; }
      if (owner instanceof Y.GC || !(owner.content instanceof Y.ContentType)) { result = 'gc'; break; }
      result = { container: this.containerOfItem(owner), key: current.parentSub };
      break;
    }
    // Items that inherit from a neighbour take its parent and its attribute key alike.
    for (const c of chain) this.placements.set(c, result);
    return result;
  }

  private isIntegrated(item: Y.Item): boolean {
    return item.parent !== null && typeof item.parent === 'object' && !(item.parent instanceof Y.ID);
  }

  private placeIntegrated(item: Y.Item): Placement {
    return { container: this.containerOfType(item.parent as AnyType), key: item.parentSub };
  }

  /** The container a ContentType item creates (the element or text it holds). */
  private containerOfItem(owner: Y.Item): Container {
    if (this.isIntegrated(owner)) return this.containerOfType((owner.content as Y.ContentType).type);
    const placement = this.place(owner);
    if (placement === 'gc' || placement === 'missing') return { kind: 'other' };
    return describe((owner.content as Y.ContentType).type, placement.container);
  }

  private containerOfType(type: AnyType): Container {
    const known = this.docContainers.get(type);
    if (known) return known;
    // Walk up to a known ancestor, then describe downwards (no recursion: depth is unbounded in old data).
    const path: AnyType[] = [];
    let current: AnyType | null = type;
    let base: Container | null = null;
    while (current) {
      const memo = this.docContainers.get(current);
      if (memo) { base = memo; break; }
      if (current._item === null) {
        base = { kind: 'root', name: this.rootName(current) };
        this.docContainers.set(current, base);
        break;
      }
      path.push(current);
      current = current._item.parent as AnyType | null;
    }
    let container = base ?? { kind: 'other' };
    for (let i = path.length - 1; i >= 0; i--) {
      container = describe(path[i], container);
      this.docContainers.set(path[i], container);
    }
    return container;
  }

  private rootName(type: AnyType): string {
    this.rootNames ??= new Map([...this.doc.share].map(([name, t]) => [t as AnyType, name]));
    return this.rootNames.get(type) ?? '';
  }

  /** The struct holding this id: in the update, else in the document; null when neither has it. */
  private find(id: Y.ID): Struct | null {
    const list = this.byClient.get(id.client);
    if (list) {
      const found = search(list, id.clock);
      if (found) return found;
    }
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const structs = this.doc.store.clients.get(id.client) as Struct[] | undefined;
    return structs ? search(structs, id.clock) : null;
  }
}

function describe(type: AnyType, parent: Container): Container {
  if (type instanceof Y.XmlElement) {
    return { kind: 'element', name: type.nodeName, depth: (parent.kind === 'element' ? parent.depth : 0) + 1 };
  }
  if (type instanceof Y.XmlText) return { kind: 'text', element: parent };
  return { kind: 'other' };
}

function search(list: Struct[], clock: number): Struct | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (clock < s.id.clock) hi = mid - 1;
    else if (clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return null;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
