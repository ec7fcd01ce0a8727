import type { REACTIONS } from '../../../shared/threads.schema';
import thumbsUp from './emoji/1f44d.svg';
import heart from './emoji/2764.svg';
import party from './emoji/1f389.svg';
import thanks from './emoji/1f64f.svg';
import thinking from './emoji/1f914.svg';
import eyes from './emoji/1f440.svg';

/** Each reaction's picture (Twemoji, CC-BY 4.0: see emoji/README.md): no reliance on the reader's fonts. */
export const REACTION_IMAGES: Record<(typeof REACTIONS)[number], string> = {
  '👍': thumbsUp, '❤️': heart, '🎉': party, '🙏': thanks, '🤔': thinking, '👀': eyes,
};
