import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';

let server: TestServer;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

it('tells the leads of a request, and the person of the answer, each with a link to the group', async () => {
  const lead = await createUser(server.app, { name: 'Sophie Bernard' });
  const asker = await createUser(server.app, { name: 'Inès Garcia' });
  const added = await createUser(server.app, { name: 'Julien Moreau' });
  const group = createGroup(server.app, lead.id, { name: 'Lombalgie chronique', visibility: 'public' });
  addToGroup(server.app, group.id, lead.id, 'lead');
  const leadHttp = await signIn(server.url, lead);

  await (await signIn(server.url, asker)).post(`/api/groups/${group.id}/join-requests`, {});
  const [request] = await smtp.waitFor(1);
  expect(request.to).toEqual([lead.email]);
  expect(request.subject).toBe("Demande d'adhésion au groupe « Lombalgie chronique »");
  expect(request.text).toContain(`Inès Garcia demande à rejoindre le groupe « Lombalgie chronique ».`);
  expect(request.text).toContain(`${server.url}/groupes/${group.id}`);

  await leadHttp.post(`/api/groups/${group.id}/members`, { userId: added.id, role: 'observer' });
  const mails = await smtp.waitFor(2);
  expect(mails[1].to).toEqual([added.email]);
  expect(mails[1].text).toContain('Sophie Bernard vous a ajouté·e au groupe « Lombalgie chronique » comme observateur·rice.');
});
