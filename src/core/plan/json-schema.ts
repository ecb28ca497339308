/** The JSON Schema of plan files, generated from the zod schema (one definition, two forms). */
import { z } from 'zod';
import { Plan } from './schema';

export function planJsonSchema(): Record<string, unknown> {
  // io: 'input' describes the file as written (defaults may be omitted); refinements that JSON
  // Schema cannot express (cross-references, ordering) are still checked by `check-plan`.
  const schema = z.toJSONSchema(Plan, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://edu-indicators.local/plan.schema.json',
    title: '教育发展规划指标计划 / education development plan',
    description: '由 src/core/plan/schema.ts 生成，勿手改 / generated from src/core/plan/schema.ts, do not edit',
  };
}
