/**
 * Reads CSV the way a spreadsheet does, with the separator its locale uses
 * (`,`, or `;` in German, French and Spanish Excel): a quoted field may hold
 * separators, doubled quotes and line breaks; after a closing quote, or in a
 * field that did not start with one, every character is literal up to the
 * next separator or line break.
 */
export function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let fresh = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && fresh) (quoted = true), (fresh = false);
    else if (c === separator) row.push(cell), (cell = ''), (fresh = true);
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = ''), (fresh = true);
    } else (cell += c), (fresh = false);
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** A cell a spreadsheet would run as a formula: it starts (past spaces and invisible characters) with = + - @ or their full-width forms. */
export const isFormula = (cell: string) => /^[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(cell);
