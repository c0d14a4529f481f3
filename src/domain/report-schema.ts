/**
 * The report a staff member files: its fields, their allowed values and limits, and the steps of
 * the guided report. Values are stable codes; their wording lives in the locale files under
 * `report.option.<field>.<code>`.
 */

/** Forms of unlawful influence and violence (Brå's categories plus "other"). */
export const FORMS = ['threat-self', 'threat-close', 'violence', 'harassment', 'damage', 'bribe', 'other'] as const;
/** Did the reporter perceive a purpose to influence their work or decisions? */
export const PURPOSES = ['yes', 'no', 'unknown'] as const;
/** Where, or through which channel, it happened. */
export const PLACES = [
  'reception',
  'office',
  'home-visit',
  'phone',
  'letter',
  'email-sms',
  'social-media',
  'public-place',
  'off-duty',
] as const;
/** The reporter's area of work. */
export const WORK_AREAS = ['children-youth', 'financial-aid', 'adults-addiction', 'disability-lss', 'elderly-care', 'other'] as const;
/** The perpetrator, by role — never by identity. */
export const PERPETRATOR_ROLES = [
  'client',
  'relative',
  'external',
  'contractor',
  'colleague',
  'manager',
  'elected-official',
  'unknown',
] as const;
/** Whether it has happened before. */
export const RECURRENCES = ['first-time', 'repeated', 'unknown'] as const;
/** Whom it was aimed at. */
export const TARGETS = ['me', 'colleague', 'workplace'] as const;
/** Injury; `none` excludes the others. */
export const INJURIES = ['none', 'physical', 'psychological'] as const;
/** The reporter's intention about a police report. */
export const POLICE_INTENTS = ['filed', 'want-help', 'not-filing', 'unsure'] as const;
/** Support the reporter wants; `not-now` excludes the others. */
export const SUPPORTS = ['manager-today', 'debriefing', 'occupational-health', 'not-now'] as const;
/** Yes/no answers. */
export const YES_NO = ['yes', 'no'] as const;

export type Form = (typeof FORMS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Place = (typeof PLACES)[number];
export type WorkArea = (typeof WORK_AREAS)[number];
export type PerpetratorRole = (typeof PERPETRATOR_ROLES)[number];
export type Recurrence = (typeof RECURRENCES)[number];
export type Target = (typeof TARGETS)[number];
export type Injury = (typeof INJURIES)[number];
export type PoliceIntent = (typeof POLICE_INTENTS)[number];
export type Support = (typeof SUPPORTS)[number];
export type YesNo = (typeof YES_NO)[number];

/** Limits of free text and dates. */
export const LIMITS = {
  descriptionMax: 2000,
  descriptionMin: 10,
  addedInfoMax: 2000,
  /** How far back an event may be dated, in days. */
  maxAgeDays: 5 * 365,
  /** Longest raw value kept for any field of a draft. */
  rawFieldMax: 2100,
} as const;

/** A complete, validated report. */
export interface ReportAnswers {
  forms: Form[];
  purpose: Purpose;
  /** Local Swedish date and time of the event, `YYYY-MM-DDTHH:MM`. */
  occurredAt: string;
  place: Place;
  workArea: WorkArea;
  /** The unit where it happened (defaults to the reporter's own). */
  unitId: string;
  perpetratorRole: PerpetratorRole;
  recurrence: Recurrence;
  target: Target;
  injuries: Injury[];
  weapon: YesNo;
  /** The reporter perceives it as serious (e.g. a death threat taken seriously). */
  perceivedSerious: YesNo;
  policeIntent: PoliceIntent;
  support: Support[];
  description: string;
}

/** Names of the report's fields, in the order they are asked. */
export type ReportField = keyof ReportAnswers;

/** A step of the guided report, and the fields it asks for. */
export interface ReportStep {
  id: 'what' | 'who' | 'describe';
  fields: readonly ReportField[];
}

/** The three steps: what happened, who and what followed, description and review. */
export const REPORT_STEPS: readonly ReportStep[] = [
  { id: 'what', fields: ['forms', 'purpose', 'occurredAt', 'place', 'workArea', 'unitId'] },
  {
    id: 'who',
    fields: ['perpetratorRole', 'recurrence', 'target', 'injuries', 'weapon', 'perceivedSerious', 'policeIntent', 'support'],
  },
  { id: 'describe', fields: ['description'] },
];

/** Every field of the report. */
export const REPORT_FIELDS: readonly ReportField[] = REPORT_STEPS.flatMap((s) => s.fields);
