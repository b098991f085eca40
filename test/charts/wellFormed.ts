/**
 * A small XML well-formedness check for the charts' SVG (no XML parser is installed): tags
 * balance, attribute values are quoted and hold no `<`, and every `&` starts an entity.
 * Returns the problems found, empty when the text is well formed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of xml.matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi)) problems.push(`bare & at ${m.index}`);
  const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<(?!\/?[A-Za-z])/g;
  for (const m of xml.matchAll(TAG)) {
    const [, closing, name, , selfClosing] = m;
    if (name === undefined) problems.push(`stray < at ${m.index}: ${xml.slice(m.index, m.index + 20)}`);
    else if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}> at ${m.index}`);
    } else if (!selfClosing) stack.push(name);
  }
  // A tag whose attributes did not parse leaves a '<name' that TAG skipped.
  const tags = xml.match(/<\/?[A-Za-z]/g)?.length ?? 0;
  const parsed = [...xml.matchAll(TAG)].filter((m) => m[2] !== undefined).length;
  if (tags !== parsed) problems.push(`${tags - parsed} tag(s) with malformed attributes`);
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}
