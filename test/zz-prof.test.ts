import { createFakeExcel } from '../src/excel/fake';
import { insertTemplate } from '../src/excel/render';
import { readTemplateGrids } from '../src/excel/read';
import { unitsSpec } from './excel/helpers';
test('prof', async () => {
  for (const n of [10, 100, 300]) {
    const spec = unitsSpec(n);
    const fake = createFakeExcel();
    let t = Date.now();
    await insertTemplate(fake.host, spec);
    const ti = Date.now() - t; t = Date.now();
    await readTemplateGrids(fake.host);
    console.log(n, 'insert', ti, 'read', Date.now() - t);
  }
});
