import { messagesOf, type Messages } from './messages';

/** English, a chunk of its own: only a person who chose it downloads it (bench:pages). */
export default messagesOf(import.meta.glob<{ default: Messages }>('./en/*.json', { eager: true }));
