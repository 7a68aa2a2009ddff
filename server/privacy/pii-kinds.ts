/** The kinds of personal data the detector finds, in the order they win when two candidates overlap. */
export const PII_KINDS = [
  'email',
  'id_card',
  'bank_card',
  'passport',
  'mobile',
  'landline',
  'address',
] as const;

export type PiiKind = (typeof PII_KINDS)[number];

/** A piece of personal data: UTF-16 offsets into the scanned text, end exclusive, and the text between them. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

/** Where a finder saw a kind; the detector settles overlaps and adds the text. */
export type PiiLocation = Omit<PiiSpan, 'text'>;
