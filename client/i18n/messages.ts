export type Messages = Record<string, unknown>;

/** One file per feature and language (fr/groups.json …), namespaced by its file name. */
export function messagesOf(files: Record<string, { default: Messages }>): Messages {
  const messages: Messages = {};
  for (const [path, mod] of Object.entries(files)) messages[path.replace(/^.*\/(.+)\.json$/, '$1')] = mod.default;
  return messages;
}
