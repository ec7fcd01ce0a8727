import { api } from '../../lib/api';
import {
  questionnaireReplySchema, yearsReplySchema, type QuestionnaireContentInput,
} from '../../../shared/structure-needs.schema';
import { answerListReplySchema, answerSetReplySchema, type Answers } from '../../../shared/structure-needs.answers';
import { synthesisReplySchema } from '../../../shared/structure-needs.synthesis';

const base = '/structure-needs';
export const fetchYears = () => api('GET', base, { schema: yearsReplySchema });
export const fetchQuestionnaire = (year: number) => api('GET', `${base}/questionnaires/${year}`, { schema: questionnaireReplySchema });
export const createQuestionnaire = (year: number, copyFrom: number | null) =>
  api('POST', `${base}/questionnaires`, { body: { year, copyFrom }, schema: questionnaireReplySchema });
export const saveQuestionnaire = (year: number, content: QuestionnaireContentInput) =>
  api('PUT', `${base}/questionnaires/${year}`, { body: { content }, schema: questionnaireReplySchema });
export const saveReaders = (year: number, groupIds: string[]) =>
  api('PUT', `${base}/questionnaires/${year}/readers`, { body: { groupIds }, schema: questionnaireReplySchema });

export const fetchMine = (year: number) => api('GET', `${base}/answers/${year}/mine`, { schema: answerSetReplySchema });
export const saveMine = (year: number, answers: Answers, signal?: AbortSignal) =>
  api('PUT', `${base}/answers/${year}/mine`, { body: { answers }, schema: answerSetReplySchema, signal });
export const submitMine = (year: number, answers: Answers) =>
  api('POST', `${base}/answers/${year}/mine/submit`, { body: { answers }, schema: answerSetReplySchema });
export const fetchAnswerList = (year: number) => api('GET', `${base}/answers/${year}`, { schema: answerListReplySchema });
export const fetchAnswers = (year: number, organisationId: string) =>
  api('GET', `${base}/answers/${year}/${encodeURIComponent(organisationId)}`, { schema: answerSetReplySchema });
export const fetchSynthesis = (year: number) => api('GET', `${base}/synthesis/${year}`, { schema: synthesisReplySchema });
export const synthesisCsvUrl = (year: number) => `/api${base}/synthesis/${year}/csv`;
