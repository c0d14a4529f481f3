/**
 * A field label short enough for a fact title: the question up to its first "?" or ".",
 * at most 40 characters.
 *
 * @param label - the full, translated label
 * @returns the short form
 */
export function shortLabel(label: string): string {
  const cut = label.split(/[?.]/)[0];
  return cut.length > 40 ? `${cut.slice(0, 39)}…` : cut;
}
