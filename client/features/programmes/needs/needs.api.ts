import { api } from '../../../lib/api';
import {
  indicatorsImportReplySchema, needMapReplySchema, type NeedMapQuery,
} from '../../../../shared/programmes.needs.schema';

export const fetchNeedMap = (query: NeedMapQuery, signal?: AbortSignal) => {
  const params = new URLSearchParams({ condition: query.condition, ...(query.indicator ? { indicator: query.indicator } : {}) });
  return api('GET', `/programmes/needs/map?${params}`, { schema: needMapReplySchema, signal });
};

export const previewIndicators = (csv: string) =>
  api('POST', '/programmes/needs/indicators/preview', { body: { csv }, schema: indicatorsImportReplySchema });

export const importIndicators = (csv: string) =>
  api('POST', '/programmes/needs/indicators/import', { body: { csv }, schema: indicatorsImportReplySchema });
