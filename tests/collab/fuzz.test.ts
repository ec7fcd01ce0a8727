import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../helpers/factories';
import { signIn, type HttpClient } from '../helpers/http';
import { findSchemaProblems } from '../../server/features/documents/collab/document-check';
import { schemaRules } from '../../server/features/documents/collab/schema-rules';
import { editorSchema } from '../../server/features/documents/content/editor-schema';
import { connect, createDocument, synced, waitFor, type CollabClient } from './collab-clients';
import { RawClient, updateFrame } from './raw-client';

/**
 * Hostile input on /collab, generated from a seed (FUZZ_SEED to replay a failure): random bytes,
 * broken varints, random Yjs updates inside and outside the editor schema, and the crafted attacks
 * of issue 8. After each, the process answers, the document is still valid and renders through
 * every export, and the people on another document keep receiving each other's edits.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const rules = schemaRules(editorSchema);
const problemsOf = (doc: Y.Doc) => findSchemaProblems(doc, { rules, fragment: 'default', maxDepth: 24 });

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(list: readonly T[]): T => list[int(list.length)] };
}

let server: TestServer;
let member: TestUser;
let http: HttpClient;
let cookie: string;
let target: string;
let bystanders: CollabClient[] = [];
let deliveries = 0;

beforeAll(async () => {
  server = await startServer();
  member = await createUser(server.app);
  const group = createGroup(server.app, member.id);
  addToGroup(server.app, group.id, member.id, 'member');
  target = createDocument(server.app, group.id, member.id).id;
  const other = createDocument(server.app, group.id, member.id).id;
  http = await signIn(server.url, member);
  cookie = http.cookie;
  bystanders = [connect(server.url, other, cookie), connect(server.url, other, cookie)];
  await Promise.all(bystanders.map(synced));
});

afterAll(async () => {
  for (const b of bystanders) b.destroy();
  await server?.close();
});

/** The service is intact: it answers, the document is valid and renders, the others still collaborate. */
async function expectIntact(what: string): Promise<void> {
  expect((await http.get('/api/health')).status, what).toBe(200);
  const reader = await new RawClient(server.url, target, cookie).ready();
  expect(problemsOf(reader.doc), what).toEqual([]);
  reader.close();
  expect((await http.get(`/api/documents/${target}/content`)).status, what).toBe(200);
  for (const format of ['html', 'md', 'docx']) {
    expect((await http.get(`/api/documents/${target}/export?format=${format}`)).status, `${what}: ${format}`).toBe(200);
  }
  const [typist, watcher] = bystanders;
  const word = ` mot${++deliveries}`;
  typist.type(word);
  await waitFor(() => watcher.text().endsWith(word), `${what}: edits on another document still delivered`);
}

const NAMES = ['paragraph', 'heading', 'blockquote', 'bulletList', 'listItem', 'codeBlock', 'table', 'tableRow', 'tableCell', 'hardBreak', 'taskItem', 'script', 'div', 'doc', 'text'] as const;
const KEYS = ['level', 'start', 'checked', 'colspan', 'language', 'onclick'] as const;
const VALUES: unknown[] = [1, 3, 6, 0, 7, -1, 500_000_000, '2', true, null, { x: 1 }, [1, 2], 'js', 'x'.repeat(100)];
const MARKS = ['bold', 'italic', 'code', 'strike', 'link', 'blink', 'bold--AAAAAAAA'] as const;
const HREFS = ['https://www.has-sante.fr', 'javascript:alert(1)', 'mailto:etp@example.fr', 'data:text/html,x', ' JaVa\tScRiPt:x', '/ressources'];

type Node = Y.XmlElement | Y.XmlFragment;
function containers(doc: Y.Doc): { elements: Node[]; texts: Y.XmlText[] } {
  const elements: Node[] = [doc.getXmlFragment('default')];
  const texts: Y.XmlText[] = [];
  for (let i = 0; i < elements.length; i++) {
    for (const child of elements[i].toArray()) {
      if (child instanceof Y.XmlElement) elements.push(child);
      else if (child instanceof Y.XmlText) texts.push(child);
    }
  }
  return { elements, texts };
}

/** One random change, in or out of the schema, as a client library would make it. */
function randomChange(rng: ReturnType<typeof random>, doc: Y.Doc): void {
  const { elements, texts } = containers(doc);
  const at = (n: Node) => rng.int(n.length + 1);
  const newElement = (): Y.XmlElement => {
    const el = new Y.XmlElement(rng.pick(NAMES));
    if (rng.next() < 0.4) el.setAttribute(rng.pick(KEYS), rng.pick(VALUES) as string);
    if (rng.next() < 0.7) el.insert(0, [new Y.XmlText(rng.pick(['Séance', 'Évaluation annuelle', '', 'x'.repeat(rng.int(50))]))]);
    return el;
  };
  switch (rng.int(7)) {
    case 0: { const parent = rng.pick(elements); parent.insert(at(parent), [newElement()]); return; }
    case 1: { if (!texts.length) return; const t = rng.pick(texts); t.insert(rng.int(t.length + 1), rng.pick(['a', 'é', '𝕏', ' mot ', '\n'])); return; }
    case 2: {
      if (!texts.length) return;
      const t = rng.pick(texts);
      const mark = rng.pick(MARKS);
      const value = mark === 'link' ? { href: rng.pick(HREFS) } : rng.next() < 0.8 ? {} : rng.pick(VALUES);
      t.format(0, Math.max(1, t.length), { [mark]: value });
      return;
    }
    case 3: { const parent = rng.pick(elements); if (parent.length) parent.delete(rng.int(parent.length), 1); return; }
    case 4: { const el = rng.pick(elements); if (el instanceof Y.XmlElement) el.setAttribute(rng.pick(KEYS), rng.pick(VALUES) as string); return; }
    case 5: { const parent = rng.pick(elements); parent.insert(at(parent), [new Y.XmlText('texte nu')]); return; }
    default: {
      let inner = new Y.XmlElement('paragraph');
      inner.insert(0, [new Y.XmlText('au fond')]);
      for (let i = rng.int(30); i > 0; i--) { const q = new Y.XmlElement('blockquote'); q.insert(0, [inner]); inner = q; }
      const root = doc.getXmlFragment('default');
      root.insert(at(root), [inner]);
    }
  }
}

/** Characters each inserted before the previous one, so that Yjs cannot merge them into one item. */
function tinyItems(doc: Y.Doc, count: number): void {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  doc.getXmlFragment('default').insert(0, [p]);
  doc.transact(() => { for (let i = 0; i < count; i++) t.insert(0, 'a'); });
}

describe('fuzzing /collab', () => {
  it(`random bytes and broken varints close only their own connection (seed ${SEED})`, async () => {
    const rng = random(SEED);
    const frames: Uint8Array[] = [
      Uint8Array.from([0, 2, 0x80, 0x80, 0x80]),
      Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      Uint8Array.from([0, 2, 10, 1, 2]),
      Uint8Array.from([0, 1, 0xfe, 0xff, 0xff, 0x0f, 0]),
    ];
    for (let i = 0; i < 60; i++) {
      const bytes = Uint8Array.from({ length: 1 + rng.int(300) }, () => rng.int(256));
      if (i % 2 === 0) { bytes[0] = 0; bytes[1] = rng.pick([1, 2]); }
      frames.push(bytes);
    }
    for (const frame of frames) {
      const client = await new RawClient(server.url, target, cookie).ready();
      await client.send(frame);
      client.close();
    }
    await expectIntact('after random bytes');
  });

  it(`random Yjs updates: each is accepted exactly when it keeps the document valid (seed ${SEED})`, async () => {
    const rng = random(SEED + 1);
    let accepted = 0;
    let refused = 0;
    let client = await new RawClient(server.url, target, cookie).ready();
    for (let i = 0; i < 150; i++) {
      const ok = await client.change((doc) => randomChange(rng, doc));
      // The oracle: the same change judged on a whole copy of the document.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
      const valid = problemsOf(copy).length === 0;
      expect(ok, `change ${i}: ${client.closed?.reason ?? 'accepted'}`).toBe(valid);
      if (ok) accepted++;
      else {
        refused++;
        expect(client.closed?.code).toBe(4422);
        client = await new RawClient(server.url, target, cookie).ready();
      }
    }
    client.close();
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
    await expectIntact('after random updates');
  });

  it('the crafted attacks of issue 8 are refused and leave the service intact', async () => {
    const attacks: Array<[string, (doc: Y.Doc) => void]> = [
      ['a heading level of 500,000,000', (doc) => {
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', 500_000_000 as never);
        doc.getXmlFragment('default').insert(0, [h]);
      }],
      ['bare text at the root', (doc) => doc.getXmlFragment('default').insert(0, [new Y.XmlText('nu')])],
      ['5,000 nested blockquotes', (doc) => {
        // Built from the outside in: Yjs integrates prepared content recursively.
        let parent: Y.XmlElement | Y.XmlFragment = doc.getXmlFragment('default');
        for (let i = 0; i < 5000; i++) { const q = new Y.XmlElement('blockquote'); parent.insert(0, [q]); parent = q; }
      }],
      ['80,000 one-character items in one update of 0.9 MB', (doc) => tinyItems(doc, 80_000)],
    ];
    for (const [name, attack] of attacks) {
      const client = await new RawClient(server.url, target, cookie).ready();
      expect(await client.change(attack), name).toBe(false);
      expect([4422, 4413, 1009], name).toContain(client.closed?.code);
      expect(client.closed?.reason, name).toMatch(/refusée|taille/);
      await expectIntact(name);
    }
    // A reference to structs the server never received.
    const orphan = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    orphan.getXmlFragment('default').insert(0, [p]);
    const sv = Y.encodeStateVector(orphan);
    p.insert(0, [new Y.XmlText('orphelin')]);
    const client = await new RawClient(server.url, target, cookie).ready();
    expect(await client.send(updateFrame(Y.encodeStateAsUpdate(orphan, sv)))).toBe(false);
    await expectIntact('an update depending on unknown structs');
  });

  it('memory follows the work: a document holding too many items refuses more and says so, others go on', async () => {
    const group = createGroup(server.app, member.id);
    addToGroup(server.app, group.id, member.id, 'member');
    const heavy = createDocument(server.app, group.id, member.id).id;
    const client = await new RawClient(server.url, heavy, cookie).ready();
    let sent = 0;
    while (await client.change((doc) => tinyItems(doc, 45_000))) sent++;
    expect(sent).toBe(4);
    expect(client.closed).toEqual({ code: 4413, reason: 'Le document a atteint sa taille maximale : scindez-le en plusieurs documents.' });
    await expectIntact('after a document reached its item limit');
  });
});
