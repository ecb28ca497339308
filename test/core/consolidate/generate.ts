/** Returns as consolidation reads them (no workbook needed): n schools per level, deterministic numbers. */
import type { ReturnRead, TemplateRead } from '../../../src/core/consolidate';
import { TEMPLATE_VERSION } from '../../../src/core/template/spec';
import { planHash } from '../../../src/core/workbook/hash';
import { INPUTS, schoolData, yzjh } from './county';

export function generatedReads(perLevel: number, files = 3): ReturnRead[] {
  const hash = planHash(yzjh);
  return Array.from({ length: files }, (_, f) => {
    const templates: TemplateRead[] = (['小学', '初中'] as const).map((level, k) => ({
      planId: yzjh.id,
      planVersion: yzjh.version,
      templateVersion: TEMPLATE_VERSION,
      planHash: hash,
      kind: 'units',
      level,
      year: 2025,
      instance: k + 1,
      units: Array.from({ length: Math.ceil(perLevel / files) }, (_, i) => {
        const n = f * 1000 + i + 1;
        const d = schoolData(n, level);
        return {
          name: `${level}${n}号学校`,
          index: i + 1,
          at: { sheet: '单位数据', cell: `B${i + 8}` },
          inputs: Object.fromEntries(INPUTS.map((id, j) => [id, { value: d[id], sheet: '单位数据', cell: `${String.fromCharCode(67 + j)}${i + 8}` }])),
          errors: 0,
        };
      }),
    }));
    return { file: `第${f + 1}片区.xlsx`, modified: 1000 + f, status: 'read' as const, templates, issues: [] };
  });
}
