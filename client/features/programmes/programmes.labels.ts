import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { departementName } from '../../../shared/departements';
import { VULNERABLE_POPULATIONS, type Condition, type ProgrammePublic } from '../../../shared/programmes.schema';

/** Labels of a programme's codes in the reader's language: conditions from the managed list, the rest from i18n. */
export function useProgrammeLabels(conditions: () => Condition[]) {
  const { t, locale } = useI18n();
  const byCode = computed(() => new Map(conditions().map((c) => [c.code, locale.value === 'en' ? c.labelEn : c.labelFr])));
  return {
    condition: (code: string) => byCode.value.get(code) ?? code,
    conditions: (codes: string[]) => codes.map((c) => byCode.value.get(c) ?? c).join(', '),
    site: (s: { commune: string; departement: string }) => `${s.commune} (${s.departement} · ${departementName(s.departement) ?? ''})`,
    departement: (code: string) => `${code} · ${departementName(code) ?? code}`,
    list: (kind: 'populations' | 'adaptations', codes: string[]) => codes.map((c) => t(`programmes.${kind}.${c}`)).join(', '),
  };
}

/** Adapted for vulnerable people: it names such a population and says how it adapts. */
export const isAdapted = (p: Pick<ProgrammePublic, 'populations' | 'adaptations'>): boolean =>
  p.adaptations.length > 0 && p.populations.some((x) => (VULNERABLE_POPULATIONS as readonly string[]).includes(x));
