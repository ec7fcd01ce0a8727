import { afterAll, beforeAll, expect, it } from 'vitest';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { editorSchema } from '../../../server/features/documents/content/editor-schema';
import { resolveRange, type Mapping } from '../../../client/features/comments/editor/anchors';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import type { CommentThread } from '../../../shared/comments.schema';
import { startServer, type TestServer } from '../../helpers/server';
import { signIn } from '../../helpers/http';
import { connect, waitFor } from '../../collab/collab-clients';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

it('opens the reference programme with open threads anchored in its text, one from the association as a commenter', async () => {
  const marie = await signIn(server.url, { email: 'marie.dupont@demo.maillage.fr', password: DEMO_PASSWORD });
  const groups = (await marie.get('/api/groups')).body.mine as Array<{ id: string; name: string; myRole: string | null }>;
  const lombalgie = groups.find((g) => g.name === 'Lombalgie chronique')!;
  expect(lombalgie.myRole).toBe('commenter');
  const docs = (await marie.get(`/api/documents?groupId=${lombalgie.id}`)).body;
  const programme = docs.documents.find((d: { kind: string }) => d.kind === 'reference_programme');
  // She reads and comments; she does not edit.
  expect(docs.access.canWrite).toBe(false);
  const list = (await marie.get(`/api/comments/documents/${programme.id}`)).body;
  expect(list.canComment).toBe(true);
  const threads = list.threads as CommentThread[];
  expect(threads.filter((t) => !t.resolvedAt).length).toBeGreaterThanOrEqual(2);
  expect(threads.some((t) => t.createdBy.name === 'Marie Dupont' && t.comments.length > 1)).toBe(true);

  // Each anchor resolves, in a real client's copy of the text, to the passage it quotes.
  const client = connect(server.url, programme.id, marie.cookie);
  await waitFor(() => client.provider.synced, 'sync', 20_000);
  const fragment = client.doc.getXmlFragment('default');
  const { doc, mapping } = initProseMirrorDoc(fragment, editorSchema);
  for (const t of threads) {
    const range = resolveRange(client.doc, fragment, doc, t, mapping as Mapping);
    expect(range && doc.textBetween(range.from, range.to)).toBe(t.quote);
  }
  client.destroy();
});
