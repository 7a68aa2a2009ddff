import { z } from 'zod';
import { PII_KINDS } from './detector';

export const piiKindSchema = z.enum(PII_KINDS);

/** One mask in a stored text field: the app shows it as a revealable span. */
export const personalDataSpanSchema = z.object({
  id: z.uuid(),
  /** The field the offsets point into: `subject`, `description`, `body`, `phone`, `notes`, `attributes.<key>`… */
  field: z.string(),
  kind: piiKindSchema,
  /** UTF-16 offsets into the field's text as returned, end exclusive. */
  start: z.number().int(),
  end: z.number().int(),
});
export type PersonalDataSpanJson = z.infer<typeof personalDataSpanSchema>;

export interface StoredSpanRow {
  id: string;
  owner_id: string;
  field: string;
  kind: string;
  start_offset: number;
  end_offset: number;
}

export const presentSpan = (row: StoredSpanRow): PersonalDataSpanJson => ({
  id: row.id,
  field: row.field,
  kind: row.kind as PersonalDataSpanJson['kind'],
  start: row.start_offset,
  end: row.end_offset,
});
