import { z } from 'zod';
import { type StatusContribution, SPEC_SECTIONS } from '../../../core/index.js';

/** Two contributors' schemas of one section, merged the way SystemStatus merges their figures. */
function mergeSchemas(a: z.ZodType, b: z.ZodType): z.ZodType {
  if (a instanceof z.ZodObject && b instanceof z.ZodObject) return z.looseObject({ ...a.shape, ...b.shape });
  if (a instanceof z.ZodArray && b instanceof z.ZodArray) return z.array(z.union([a.element as z.ZodType, b.element as z.ZodType]));
  return b;
}

/**
 * The schema of `GET /api/system/status`, assembled from the StatusContributions' own section
 * schemas: a section whose contributors declare none is any JSON; every section may be null
 * (nobody contributes it, or its contributor failed).
 */
export function systemStatusSchema(contributions: readonly StatusContribution[]): z.ZodObject {
  const sections = new Map<string, z.ZodType[]>(SPEC_SECTIONS.map((section) => [section, []]));
  for (const contribution of contributions) {
    const schemas = sections.get(contribution.section) ?? [];
    if (contribution.schema !== undefined) schemas.push(contribution.schema);
    sections.set(contribution.section, schemas);
  }
  const shape: Record<string, z.ZodType> = { generated_at: z.iso.datetime().meta({ description: 'When these figures were read' }) };
  for (const [section, schemas] of sections) {
    const merged = schemas.length === 0 ? z.unknown() : schemas.reduce(mergeSchemas);
    shape[section] = merged.nullable();
  }
  return z.strictObject(shape);
}
