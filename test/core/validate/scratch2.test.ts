import { validate } from '../../../src/core/validate';
import { parsePlan } from './helpers';
import { buildTemplate } from '../../../src/core/template/build';
import { renderTemplateBuffer, readWorkbookGrid, writeCells } from '../../../src/xlsx';
import { recalculate } from '../../helpers/libreoffice';
import { loadShippedPlans } from '../../../src/cli/seeds';

test('lo roundtrip', async () => {
  const plan = loadShippedPlans().find((p) => p.id === 'jiedong-2023-2025')!;
  void parsePlan;
  const spec = buildTemplate(plan, { units: ['甲区'], year: 2025 });
  const bytes = await renderTemplateBuffer(spec);
  const sheet = spec.sheets[0]!.name;
  const cell = (id: string) => spec.hiddenMetadata.rows.find((r) => r[0] === 'cell' && r[2] === id)![5]!;
  const filled = await writeCells(bytes, [
    { sheet, address: cell('kg-children-total'), value: 1200 },
    { sheet, address: cell('kg-children-public'), value: 700 },
    { sheet, address: cell('population-age-3-5'), value: 1150 },
  ]);
  const out = await recalculate([{ name: 'a.xlsx', bytes: filled }]);
  const book = await readWorkbookGrid(out.get('a.xlsx')!);
  const r = validate(book, plan);
  const counts: Record<string, number> = {};
  for (const i of r.issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
  console.log(counts);
  for (const i of r.issues.filter((x) => x.code.startsWith('formula') || x.code.startsWith('workbook')).slice(0, 8)) console.log(i.code, i.cell, JSON.stringify(i.params));
  console.log(JSON.stringify(r.values.slice(0, 8)));
}, 120000);
