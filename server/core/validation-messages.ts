import { z } from 'zod';

// zod's own French locale covers every case; the common ones get a shorter sentence a person can act on.
const fallback = z.locales.fr().localeError;

const unit = (origin: string | undefined) => (origin === 'string' ? ' caractères' : origin === 'array' ? ' éléments' : '');

/** French validation messages for every zod schema checked by the server (request bodies, queries, params). */
export function useFrenchValidationMessages(): void {
  z.config({
    localeError: (issue) => {
      switch (issue.code) {
        case 'invalid_type':
          if (issue.input === undefined) return 'Ce champ est obligatoire.';
          break;
        case 'too_small':
          if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Ce champ est obligatoire.';
          return `Au moins ${issue.minimum}${unit(issue.origin)}.`;
        case 'too_big':
          return `Au plus ${issue.maximum}${unit(issue.origin)}.`;
        case 'invalid_format':
          if (issue.format === 'email') return 'Adresse e-mail invalide.';
          break;
        case 'invalid_value':
          return `Valeur non autorisée (valeurs possibles : ${issue.values.map(String).join(', ')}).`;
      }
      return fallback(issue);
    },
  });
}
