import { z } from 'zod';
import {
  actionListSchema, actionReplySchema, type ActionInput, type ActionListQuery, type ActionState, type LinkKind, type MeetingInput, type RequestInput,
} from '../../../shared/actions.schema';
import { organisationListSchema } from '../../../shared/organisations.schema';
import { memberListSchema } from '../../../shared/members.schema';
import { okSchema } from '../../../shared/errors.schema';
import { api } from '../../lib/api';

const query = (q: Partial<ActionListQuery>) => {
  const params = new URLSearchParams(Object.entries(q).filter(([, v]) => !!v) as Array<[string, string]>).toString();
  return params ? `?${params}` : '';
};
const one = async (p: Promise<z.output<typeof actionReplySchema>>) => (await p).action;

/** The actions API, every reply parsed with the shared schemas. */
export const actionsApi = {
  list: (q: Partial<ActionListQuery> = {}) => api('GET', `/actions${query(q)}`, { schema: actionListSchema }),
  myRequests: () => api('GET', '/actions/requests/mine', { schema: actionListSchema }),
  get: (id: string) => one(api('GET', `/actions/${id}`, { schema: actionReplySchema })),
  create: (body: ActionInput) => one(api('POST', '/actions', { body, schema: actionReplySchema })),
  update: (id: string, body: ActionInput) => one(api('PUT', `/actions/${id}`, { body, schema: actionReplySchema })),
  setState: (id: string, state: ActionState) => one(api('PUT', `/actions/${id}/state`, { body: { state }, schema: actionReplySchema })),
  remove: (id: string) => api('DELETE', `/actions/${id}`, { schema: okSchema }),
  addLink: (id: string, kind: LinkKind, targetId: string) => one(api('POST', `/actions/${id}/links`, { body: { kind, targetId }, schema: actionReplySchema })),
  removeLink: (id: string, linkId: string) => one(api('DELETE', `/actions/${id}/links/${linkId}`, { schema: actionReplySchema })),
  addMeeting: (id: string, body: MeetingInput) => one(api('POST', `/actions/${id}/meetings`, { body, schema: actionReplySchema })),
  removeMeeting: (id: string, meetingId: string) => one(api('DELETE', `/actions/${id}/meetings/${meetingId}`, { schema: actionReplySchema })),
  sendRequest: (body: RequestInput) => one(api('POST', '/actions/requests', { body, schema: actionReplySchema })),
  organisations: async () => (await api('GET', '/organisations', { schema: organisationListSchema })).organisations,
  /** People to name as owner, partners or participants (the members' directory, coordination and members only). */
  people: async () => (await api('GET', '/members?limit=100', { schema: memberListSchema })).members,
};
