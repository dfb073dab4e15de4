// The bench's pages: households of 10, 100 and 1,000 investments and as
// many policies, cut from the committed 1,000 + 1,000 fixture (which
// tests/support/mod.rs generates), and plain JavaScript reading the same
// cells the extension reads, as the page's own scripts would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LARGE = readFileSync(fileURLToPath(new URL('../fixtures/records/household-large.html', import.meta.url)), 'utf8');
const GENERATED = /^\/generated\/household-(\d+)\.html$/;

/** The household page served at `path` (`/generated/household-N.html`), or undefined. */
export function householdOf(path) {
  const size = Number(GENERATED.exec(path)?.[1]);
  if (!size || size > 1000) return undefined;
  let rows = 0;
  // Each table body's rows are one line each: keep the first `size` of each.
  return LARGE.split('\n')
    .filter((line) => {
      if (line.startsWith('<tbody>')) rows = 0;
      if (!line.startsWith('<tr><td>')) return true;
      rows += 1;
      return rows <= size;
    })
    .join('\n')
    .replaceAll('href="contact-', 'href="../records/contact-');
}

/** Runs in the record frame: every cell's text and link, each table a list of rows; the time it took. */
export function plainRead() {
  const started = performance.now();
  const tables = [];
  let cells = 0;
  for (const table of document.querySelectorAll('table')) {
    const rows = [];
    for (const row of table.rows) {
      const values = [];
      for (const cell of row.cells) {
        const link = cell.querySelector('a[href]');
        values.push([cell.textContent.trim(), link ? link.getAttribute('href') : null]);
        cells += 1;
      }
      rows.push(values);
    }
    tables.push(rows);
  }
  const ms = performance.now() - started;
  return { ms, cells, tables: tables.length };
}
