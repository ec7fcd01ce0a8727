import { scaleQuantize } from 'd3-scale';
import { schemeGnBu } from 'd3-scale-chromatic';
import type { NeedMeasure, NeedRow } from '../../../../shared/programmes.needs.schema';

/** The value a measure colours a département by; null when unknown (drawn hatched, "no data"). */
export function measureValue(row: NeedRow, measure: NeedMeasure): number | null {
  switch (measure) {
    case 'programmes': return row.programmes;
    case 'capacite': return row.capacity;
    case 'besoin': return row.need;
    case 'offre_pour_10000': return row.offerPer10000;
  }
}

export interface ColourClass { colour: string; from: number; to: number }

/**
 * Five classes of equal width with rounded bounds (d3-scale's quantize + nice), coloured from
 * ColorBrewer's GnBu scheme, a sequential palette that stays readable for colour-blind readers
 * and in greyscale. The first class is light enough to tell from "no data", which is hatched.
 */
export function colourClasses(values: Array<number | null>): { classes: ColourClass[]; colourOf: (v: number | null) => string | null } {
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...known);
  const colours = schemeGnBu[6].slice(1) as string[];
  const scale = scaleQuantize<string>().domain([0, max > 0 ? max : 1]).nice(5).range(colours);
  const [low, high] = scale.domain();
  const bounds = [low, ...scale.thresholds(), high];
  return {
    classes: colours.map((colour, i) => ({ colour, from: bounds[i], to: bounds[i + 1] })),
    colourOf: (v) => (v === null ? null : scale(v)),
  };
}

export function formatNumber(value: number | null, locale: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(value);
}
