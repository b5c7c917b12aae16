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
  const endCell = () => {
    row.push(cell);
    cell = '';
    fresh = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[i++];
      else quoted = false;
    } else if (c === '"' && fresh) {
      quoted = true;
      fresh = false;
    } else if (c === separator) endCell();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += c;
      fresh = false;
    }
  }
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** A cell a spreadsheet would run as a formula: it starts (past spaces and invisible characters) with = + - @ or their full-width forms. */
export const isFormula = (cell: string) => /^[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(cell);
