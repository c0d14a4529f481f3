/**
 * Free text people type (a police reason, a measure, feedback, a security note, a display name)
 * sometimes has to go where cards render markdown: FactSet values and TextBlocks. There, `[Klicka här](https://…)` would
 * become a link whose target the reader does not see. A zero-width space after every `]` breaks every
 * markdown link form (inline, reference and definition) and leaves the text looking the same.
 * Where a card can show the text in a TextRun (no markdown), it does that instead.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * The text as it should appear in a markdown-rendering card field: the same characters, but no link.
 *
 * @param text - text a person typed
 * @returns the text with every `]` followed by a zero-width space
 */
export function inertMarkdown(text: string): string {
  return text.replaceAll(']', `]${ZERO_WIDTH_SPACE}`);
}

/**
 * Fact lines as a FactSet should show them: FactSet values render markdown, and a fact's value is
 * never meant as markdown (labels, names, dates, and text people typed), so every value is made inert.
 *
 * @param facts - title and value pairs
 * @returns the same facts with inert values
 */
export function inertFacts<T extends { value: string }>(facts: readonly T[]): T[] {
  return facts.map((f) => ({ ...f, value: inertMarkdown(f.value) }));
}
