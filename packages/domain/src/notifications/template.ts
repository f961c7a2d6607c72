/**
 * Fills a message template: `{{name}}` is replaced by the value (empty when missing), and a section
 * `{{#name}}…{{/name}}` appears only when the value is present and not empty, so a message never ends with a label
 * followed by nothing ("上报原因：") when there are no words to carry. Sections do not nest.
 *
 * The same function renders the email/SMS text when a notification is written and the in-app text when the bell
 * shows it, so both say the same thing.
 */
export type TemplateData = Record<string, unknown>;

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && v !== false;

export function fillTemplate(template: string, data: TemplateData): string {
  return template
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, key: string, inner: string) => (present(data[key]) ? inner : ''))
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => (present(data[key]) && data[key] !== true ? String(data[key]) : ''));
}
