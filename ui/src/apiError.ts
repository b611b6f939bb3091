// ApiError: the typed form of every rejected backend call, and the mapping of its field errors onto forms.
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorDto } from './bindings/ErrorDto';
import type { FieldErrorDto } from './bindings/FieldErrorDto';
import type { Localized } from './bindings/Localized';
import i18n, { localize, type Language } from './i18n';

const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'department_not_empty',
  'forbidden',
  'not_initialized',
  'database_too_new',
  'calendar_year_missing',
  'invalid_file',
  'storage',
  'terminal',
  'keyring',
  'internal',
] as const satisfies readonly ErrorCode[];

/** Fails to compile when the backend adds an error code this list does not know yet. */
const everyCodeListed: Exclude<ErrorCode, (typeof ERROR_CODES)[number]> extends never ? true : never = true;
void everyCodeListed;

/** A backend call that was refused or failed; `dto` is what the backend said (or a stand-in). */
export class ApiError extends Error {
  readonly dto: ErrorDto;

  constructor(dto: ErrorDto) {
    super(dto.message.en || dto.message.zh);
    this.name = 'ApiError';
    this.dto = dto;
  }

  get code(): ErrorCode {
    return this.dto.code;
  }

  get fields(): FieldErrorDto[] {
    return this.dto.fields;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isLocalized(value: unknown): value is Localized {
  return isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';
}

function isFieldError(value: unknown): value is FieldErrorDto {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    isLocalized(value.message) &&
    (value.value === undefined || typeof value.value === 'string') &&
    (value.problem === undefined || typeof value.problem === 'string')
  );
}

/** Accepts an ErrorDto, tolerating a missing `fields` list; returns it normalised or null. */
export function asErrorDto(value: unknown): ErrorDto | null {
  if (!isRecord(value) || typeof value.code !== 'string' || !isLocalized(value.message)) {
    return null;
  }
  const rawFields = value.fields ?? [];
  if (!Array.isArray(rawFields) || !rawFields.every(isFieldError)) {
    return null;
  }
  const code = (ERROR_CODES as readonly string[]).includes(value.code)
    ? (value.code as ErrorCode)
    : 'internal';
  return {
    code,
    message: { zh: value.message.zh, en: value.message.en },
    fields: rawFields.map((f) => ({
      field: f.field,
      value: f.value ?? '',
      problem: f.problem ?? '',
      message: { zh: f.message.zh, en: f.message.en },
    })),
  };
}

/** Both language versions of a message from the locale files. */
function bothLanguages(key: string, values: Record<string, string> = {}): Localized {
  return {
    zh: i18n.getFixedT('zh-CN')(key, values),
    en: i18n.getFixedT('en')(key, values),
  };
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === 'string') return reason;
  try {
    return JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
}

function insideDesktopShell(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Turns whatever a rejected `invoke` produced into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  const direct = asErrorDto(reason);
  if (direct) return new ApiError(direct);
  if (typeof reason === 'string') {
    try {
      const parsed = asErrorDto(JSON.parse(reason));
      if (parsed) return new ApiError(parsed);
    } catch {
      // Not JSON: a plain message, handled below.
    }
  }
  if (!insideDesktopShell()) {
    return new ApiError({ code: 'internal', message: bothLanguages('errors.no_backend'), fields: [] });
  }
  const detail = describe(reason).trim() || '?';
  return new ApiError({
    code: 'internal',
    message: bothLanguages('errors.unexpected', { detail }),
    fields: [],
  });
}

/** The shape antd's `form.setFields` takes. */
export interface FormFieldError<F extends string = string> {
  name: F;
  errors: string[];
}

export interface SplitErrors<F extends string = string> {
  /** Errors that belong to a field the form shows, grouped per field, in the current language. */
  fields: FormFieldError<F>[];
  /** Everything else to show in a message: unmatched field errors, or the general message. */
  general: string[];
}

function isFormField<F extends string>(formFields: readonly F[], name: string): name is F {
  return (formFields as readonly string[]).includes(name);
}

/**
 * Splits an error into what goes under the form's fields and what goes in a general message.
 * `formFields` are the form's field names; `aliases` maps wire field names onto them
 * (e.g. `department_name` → `name` in the department dialog).
 */
export function splitFieldErrors<F extends string>(
  error: ApiError,
  formFields: readonly F[],
  lang: Language,
  aliases: Readonly<Record<string, F>> = {},
): SplitErrors<F> {
  const byField = new Map<F, string[]>();
  const general: string[] = [];
  for (const fieldError of error.dto.fields) {
    const name = aliases[fieldError.field] ?? fieldError.field;
    const text = localize(fieldError.message, lang);
    if (isFormField(formFields, name)) {
      const list = byField.get(name) ?? [];
      if (!list.includes(text)) list.push(text);
      byField.set(name, list);
    } else {
      general.push(text);
    }
  }
  if (byField.size === 0 && general.length === 0) {
    general.push(localize(error.dto.message, lang));
  }
  return {
    fields: [...byField.entries()].map(([name, errors]) => ({ name, errors })),
    general,
  };
}
