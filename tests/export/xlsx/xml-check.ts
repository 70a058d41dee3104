/**
 * A small XML well-formedness check for tests (no XML parser is installed): one root element,
 * balanced and properly nested tags, quoted and unique attributes, known entities only, no
 * stray `<` or `&` in text. Returns the problems found (empty when well-formed).
 */
const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /^&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);/;

function checkText(text: string, at: number, problems: string[]): void {
  let i = text.indexOf('&');
  while (i >= 0) {
    if (!ENTITY.test(text.slice(i, i + 12))) problems.push(`bad entity at ${at + i}: ${text.slice(i, i + 12)}`);
    i = text.indexOf('&', i + 1);
  }
}

function checkAttributes(body: string, at: number, problems: string[]): void {
  const seen = new Set<string>();
  const attr = /\s*([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/y;
  let pos = 0;
  while (pos < body.length) {
    if (/^\s*$/.test(body.slice(pos))) return;
    attr.lastIndex = pos;
    const m = attr.exec(body);
    if (!m) {
      problems.push(`bad attribute syntax at ${at}: ${body.slice(pos, pos + 40)}`);
      return;
    }
    const name = m[1] ?? '';
    if (!NAME.test(name)) problems.push(`bad attribute name ${name} at ${at}`);
    if (seen.has(name)) problems.push(`duplicate attribute ${name} at ${at}`);
    seen.add(name);
    const value = m[3] ?? m[4] ?? '';
    if (value.includes('<')) problems.push(`'<' in attribute ${name} at ${at}`);
    checkText(value, at, problems);
    pos = attr.lastIndex;
  }
}

/** Problems that make `xml` not well-formed; `[]` when it is. */
export function checkWellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length && problems.length < 20) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root at ${i}`);
    checkText(text, i, problems);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end < 0) { problems.push(`unclosed processing instruction at ${lt}`); break; }
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) { problems.push(`unclosed comment at ${lt}`); break; }
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) { problems.push(`unclosed CDATA at ${lt}`); break; }
      i = end + 3;
      continue;
    }
    // Find the end of the tag, skipping '>' inside quoted attribute values.
    let j = lt + 1;
    let quote: string | null = null;
    for (; j < xml.length; j += 1) {
      const ch = xml[j];
      if (quote) { if (ch === quote) quote = null; }
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
      else if (ch === '<') { problems.push(`'<' inside tag at ${j}`); break; }
    }
    if (j >= xml.length) { problems.push(`unclosed tag at ${lt}`); break; }
    const inner = xml.slice(lt + 1, j);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> at ${lt} closes <${open ?? 'nothing'}>`);
    } else {
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const name = /^[^\s/]+/.exec(body)?.[0] ?? '';
      if (!NAME.test(name)) problems.push(`bad element name "${name}" at ${lt}`);
      checkAttributes(body.slice(name.length), lt, problems);
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
    i = j + 1;
  }
  if (stack.length > 0) problems.push(`unclosed elements: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
