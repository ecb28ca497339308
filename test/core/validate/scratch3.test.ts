import { validate } from '../../../src/core/validate';
import { buildTemplate } from '../../../src/core/template/build';
import { renderTemplateBuffer, readWorkbookGrid, writeCells } from '../../../src/xlsx';
import { recalculate } from '../../helpers/libreoffice';
import { loadShippedPlans } from '../../../src/cli/seeds';

test('lo roundtrip units', async () => {
  const plan = loadShippedPlans().find((p) => p.id === 'national-yzjh-2017')!;
  const spec = buildTemplate(plan, { kind: 'units', units: ['甲校', '乙校', '丙校', '丁校', '戊校', '己校'], year: 2025, level: '小学' });
  const bytes = await renderTemplateBuffer(spec);
  const sheet = spec.sheets[0]!.name;
  const cols = new Map(spec.hiddenMetadata.rows.filter((r) => r[0] === 'column').map((r) => [r[1]!, r[4]!]));
  const units = spec.hiddenMetadata.rows.filter((r) => r[0] === 'unit');
  const writes = [];
  const base: Record<string, number> = { pupils: 1000, 'teachers-above-qualification': 50, 'backbone-teachers': 12, 'pe-art-teachers': 10, 'teaching-aux-area': 5000, 'sports-area': 8000, 'equipment-value': 2500000, 'multimedia-rooms': 25 };
  for (const u of units) {
    const row = Number(/\d+/.exec(u[5]!)![0]);
    for (const [id, v] of Object.entries(base)) {
      const col = /[A-Z]+/.exec(cols.get(id)!)![0];
      writes.push({ sheet, address: `${col}${row}`, value: u[2] === '丙校' && id === 'equipment-value' ? 25000000 : v + Number(u[1]) * 3 });
    }
  }
  const filled = await writeCells(bytes, writes);
  const out = await recalculate([{ name: 'a.xlsx', bytes: filled }]);
  const book = await readWorkbookGrid(out.get('a.xlsx')!);
  const t0 = Date.now();
  const r = validate(book, plan);
  console.log(Date.now() - t0, 'ms');
  const counts: Record<string, number> = {};
  for (const i of r.issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
  console.log(counts);
  for (const i of r.issues.slice(0, 12)) console.log(i.code, i.cell, i.message.zh);
  console.log(JSON.stringify(r.values.slice(0, 8)));
}, 120000);
