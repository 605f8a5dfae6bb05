// Independent check of an Arrow IPC stream file with the apache-arrow npm package (not the C# library that wrote it).
// usage: node arrow-check.mjs FILE  →  prints JSON {rows, batches, columns: [{name, type, nullable}], sums, nulls, first, metadata}
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const table = tableFromIPC(readFileSync(process.argv[2]));
const json = (v) => (typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v ?? null);
const columns = [], sums = {}, nulls = {}, first = {};
for (const field of table.schema.fields) {
  const type = String(field.type);
  const vector = table.getChild(field.name);
  columns.push({ name: field.name, type, nullable: field.nullable });
  nulls[field.name] = vector.nullCount;
  first[field.name] = table.numRows > 0 ? json(vector.get(0)) : null;
  if (/^(Int|Uint|Float)/.test(type)) {
    const big = /64$/.test(type) && !type.startsWith('Float');
    let sum = big ? 0n : 0;
    for (const v of vector) if (v !== null && v !== undefined) sum += big ? BigInt(v) : Number(v);
    sums[field.name] = json(sum);
  }
}
console.log(JSON.stringify({
  rows: table.numRows,
  batches: table.batches.length,
  columns, sums, nulls, first,
  metadata: Object.fromEntries(table.schema.metadata),
}));
