/** A LIKE/ILIKE pattern matching `text` anywhere, with %, _ and backslash taken literally (input is not a pattern). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
