import { z } from 'zod';

// Importing elders from the lists a county's civil-affairs office already keeps (民政 lists, issue 21): a CSV or XLSX
// file, checked row by row with the rules of POST /elders, first as a dry run, then written all-or-nothing (or only
// its good rows), idempotent by ID number. An import is a job the desk polls for its progress.

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const elderImportQuerySchema = z.strictObject({
  /** true (the default): check and report, write nothing. */
  dryRun: flag.default(true),
  /** false (the default): any bad row and nothing is written. true: the good rows are written, the rest reported. */
  onlyGoodRows: flag.default(false),
  /** The file's name, for a body sent as application/octet-stream (its extension tells CSV from XLSX). */
  filename: z.string().trim().min(1).max(200).optional(),
});
export type ElderImportQuery = z.infer<typeof elderImportQuerySchema>;

export const ELDER_IMPORT_STATES = ['checking', 'writing', 'done', 'failed'] as const;
export const elderImportStateSchema = z.enum(ELDER_IMPORT_STATES);
export type ElderImportState = z.infer<typeof elderImportStateSchema>;

export const ELDER_IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const;
export const elderImportActionSchema = z.enum(ELDER_IMPORT_ACTIONS);
export type ElderImportAction = z.infer<typeof elderImportActionSchema>;

/** One problem of one row: the row number as a spreadsheet shows it (the header is row 1), the column as headed. */
export const elderImportProblemSchema = z.object({
  row: z.number().int(),
  /** The column's header as in the file; null for a problem of the whole row (a duplicate ID number). */
  column: z.string().nullable(),
  /** A stable code: IMPORT_* or the error code POST /elders answers with (PHONE_INVALID, ELDER_DATE_INVALID, ...). */
  code: z.string(),
  message: z.string(),
});
export type ElderImportProblem = z.infer<typeof elderImportProblemSchema>;

/** What a good row does (or would do, in a dry run). */
export const elderImportRowActionSchema = z.object({
  row: z.number().int(),
  action: elderImportActionSchema,
  name: z.string(),
  /** Masked as everywhere on the desk: the last 4 characters. */
  idNumberMasked: z.string(),
  /** The community's name. */
  region: z.string(),
});
export type ElderImportRowAction = z.infer<typeof elderImportRowActionSchema>;

/** How many problems and actions a report lists; the rest are counted. */
export const ELDER_IMPORT_REPORT_LIMIT = 1000;

export const elderImportReportSchema = z.object({
  counts: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    /** Rows with at least one problem. */
    bad: z.number().int(),
  }),
  problems: z.array(elderImportProblemSchema),
  problemsNotShown: z.number().int(),
  actions: z.array(elderImportRowActionSchema),
  actionsNotShown: z.number().int(),
  /** Whether the store was written: false for a dry run and for a refused all-or-nothing import. */
  written: z.boolean(),
});
export type ElderImportReport = z.infer<typeof elderImportReportSchema>;

export const ELDER_IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ELDER_IMPORT_ENCODINGS = ['utf-8', 'gb18030'] as const;

export const elderImportJobSchema = z.object({
  id: z.string(),
  state: elderImportStateSchema,
  dryRun: z.boolean(),
  onlyGoodRows: z.boolean(),
  format: z.enum(ELDER_IMPORT_FORMATS),
  /** How a CSV was read (GBK files from Excel read as GB18030, its superset); null for XLSX. */
  encoding: z.enum(ELDER_IMPORT_ENCODINGS).nullable(),
  /** The sheet read from an XLSX (名册 when there is one, else the first); null for CSV. */
  sheet: z.string().nullable(),
  /** Data rows in the file, and how many are checked (or written) so far. */
  total: z.number().int(),
  processed: z.number().int(),
  report: elderImportReportSchema.nullable(),
  /** Why a job failed: IMPORT_ROWS_INVALID (all-or-nothing with bad rows; the report lists them) or another code. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type ElderImportJob = z.infer<typeof elderImportJobSchema>;

export const elderImportStartedSchema = z.object({ id: z.string() });
export const elderImportIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
