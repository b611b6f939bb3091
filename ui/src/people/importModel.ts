// 人员 → 导入, the parts without React: the fields a column can hold, the clerk's column choices, file bytes in and out, problem text.
import type { ImportColumnChoice } from '../bindings/ImportColumnChoice';
import type { ImportColumnDto } from '../bindings/ImportColumnDto';
import type { ImportProblemDto } from '../bindings/ImportProblemDto';
import type { ImportReport } from '../bindings/ImportReport';
import type { Localized } from '../bindings/Localized';
import type { ApiError } from '../apiError';
import { localize, type Language } from '../i18n';

/** The fields a file column can be imported as, in the template's order. */
export const IMPORT_FIELDS = [
  'employee_no',
  'name',
  'department',
  'position',
  'hired_on',
  'left_on',
  'id_number',
  'phone',
  'pin',
  'card_no',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The Select value of 不导入 (a column no field is read from). */
export const IGNORE = '__ignore__';
/** The mapping's field for a column left out on purpose (the backend's `ignore`). */
export const IGNORE_FIELD = 'ignore';

/** Larger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const TEMPLATE_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Problems of the header row and the column mapping (the others belong to a data row). */
const MAPPING_PROBLEMS: readonly string[] = ['missing_column', 'duplicate_column', 'no_such_header'];

export const isMappingProblem = (problem: Pick<ImportProblemDto, 'problem'>): boolean =>
  MAPPING_PROBLEMS.includes(problem.problem);

/**
 * The clerk's choices after putting `field` on the column headed `header` (or nothing, for
 * 不导入): a column holds one field and a field comes from one column, so earlier choices for
 * the same header or the same field give way.
 */
export function chooseColumn(
  mapping: readonly ImportColumnChoice[],
  header: string,
  field: string | null,
): ImportColumnChoice[] {
  // Several columns may be left out; any other field comes from one column only.
  const kept = mapping.filter((c) => c.header !== header && (field === IGNORE_FIELD || c.field !== field));
  return field === null ? kept : [...kept, { field, header }];
}

/** What the Select of a column shows: the clerk's choice, else what the backend recognised. */
export function columnValue(
  column: ImportColumnDto,
  mapping: readonly ImportColumnChoice[],
  mappingFailed: boolean,
): string | undefined {
  const chosen = mapping.find((c) => c.header === column.header);
  if (chosen) return chosen.field === IGNORE_FIELD ? IGNORE : chosen.field;
  if (column.field !== null) return column.field;
  // When the mapping failed the backend recognised nothing, so an unset column is not known to be unused.
  return mappingFailed && column.header.trim() !== '' ? undefined : IGNORE;
}

/**
 * Whether a column can be given a field by hand: the backend finds a mapped column by its
 * header, so a column without one, or with the same header as an earlier column, cannot be named.
 */
export function columnMappable(column: ImportColumnDto, columns: readonly ImportColumnDto[]): boolean {
  const header = column.header.trim();
  return header !== '' && !columns.some((c) => c.index < column.index && c.header.trim() === header);
}

/** One line of the problem table: from the report (located) or from a refused run (message only). */
export interface ProblemRow {
  key: number;
  row: number | null;
  column: string | null;
  header: string | null;
  message: Localized;
}

export function reportProblems(report: ImportReport): ProblemRow[] {
  return report.problems.map((p, key) => ({ key, row: p.row, column: p.column, header: p.header, message: p.message }));
}

/** The problems of a refused run_import (`invalid_input`): every problem of the file, in its `fields`. */
export function errorProblems(error: ApiError): ProblemRow[] {
  return error.fields.map((f, key) => ({ key, row: null, column: null, header: null, message: f.message }));
}

/** Every problem as text, one per line (the messages already say 第 N 行 X 列). */
export function problemsText(problems: readonly ProblemRow[], lang: Language): string {
  return problems.map((p) => localize(p.message, lang)).join('\n');
}

/** A file size for people: 532 KB, 25.3 MB, 20 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The CSV encoding as clerks know it (the backend reads GBK files as its superset GB18030). */
export function encodingLabel(encoding: string | null): string {
  if (encoding === null) return '';
  return encoding.toLowerCase() === 'gb18030' ? 'GBK (GB18030)' : encoding;
}

/** A file's bytes the way the commands take them (Vec<u8> as an array of numbers). */
export function readFileBytes(file: Blob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const buffer = reader.result;
      resolve(buffer instanceof ArrayBuffer ? Array.from(new Uint8Array(buffer)) : []);
    };
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** Offers bytes as a download through an `<a download>` and an object URL. */
export function saveBytes(bytes: readonly number[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'visually-hidden';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Puts text on the clipboard: the Clipboard API, or a selected text area and the copy command. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no permission, not a secure context): try the older way below.
    }
  }
  // Inside the dialog, so that its focus trap does not take the focus back from the text area.
  const host = document.activeElement?.closest('.ant-modal') ?? document.body;
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'visually-hidden';
  host.appendChild(area);
  area.select();
  const copied = typeof document.execCommand === 'function' && document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('the clipboard is not available');
}
