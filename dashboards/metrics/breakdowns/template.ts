/**
 * Fills the identifier placeholders (`{{name}}`) of a breakdown's SQL. Only for values taken
 * from a module's own allow-list, never from a request; every placeholder must be filled.
 */
export function fillTemplate(sql: string, identifiers: Readonly<Record<string, string>>): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = identifiers[name];
    if (value === undefined) throw new Error(`SQL template: no value for {{${name}}}`);
    return value;
  });
}
