/** Dates from text as offices type them: separated by commas, spaces or new lines (the calendar page's lists). */
export function parseDateList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((d) => d.trim()).filter(Boolean))].sort();
}
