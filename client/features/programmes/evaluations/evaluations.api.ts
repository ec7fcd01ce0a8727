import { api } from '../../../lib/api';
import { documentReplySchema } from '../../../../shared/documents.schema';
import {
  benchmarkReplySchema, myProgrammesReplySchema, programmeEvaluationsReplySchema, regionalReplySchema,
  type EvaluationKind, type EvaluationUpdate,
} from '../../../../shared/programmes.evaluations.schema';

export const fetchMine = () => api('GET', '/programmes/evaluations', { schema: myProgrammesReplySchema });
export const fetchRegional = (year: number) => api('GET', `/programmes/evaluations/regional?year=${year}`, { schema: regionalReplySchema });
export const fetchProgramme = (id: string) => api('GET', `/programmes/evaluations/${encodeURIComponent(id)}`, { schema: programmeEvaluationsReplySchema });
export const fetchBenchmark = (id: string, year?: number) =>
  api('GET', `/programmes/evaluations/${encodeURIComponent(id)}/benchmark${year ? `?year=${year}` : ''}`, { schema: benchmarkReplySchema });

export const saveEvaluation = (id: string, kind: EvaluationKind, rank: number, body: Partial<EvaluationUpdate>) =>
  api('PUT', `/programmes/evaluations/${encodeURIComponent(id)}/${kind}/${rank}`, { body, schema: programmeEvaluationsReplySchema });

/** The working document, made from the evaluation template in the programme's group (documents feature). */
export const createEvaluationDocument = (groupId: string, kind: EvaluationKind, title: string) =>
  api('POST', '/documents', { body: { groupId, kind: kind === 'annuelle' ? 'annual_self_evaluation' : 'quadrennial_evaluation', title }, schema: documentReplySchema });
