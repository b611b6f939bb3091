// A refused calendar load or company day, in full: the backend's message, and every field problem it listed (each names its date).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../apiError';
import { currentLanguage, localize } from '../i18n';

/** Every distinct message of an error's field list, in the current language. */
export function fieldMessages(error: unknown, lang: ReturnType<typeof currentLanguage>): string[] {
  const texts = toApiError(error).fields.map((f) => localize(f.message, lang));
  return [...new Set(texts)];
}

export function ProblemAlert({
  error,
  title,
  onClose,
  testId,
}: {
  error: unknown;
  /** Put before the backend's message, e.g. 没有导入： */
  title?: string;
  onClose?: () => void;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const apiError = toApiError(error);
  const items = fieldMessages(apiError, lang);
  const message = localize(apiError.dto.message, lang);
  return (
    <Alert
      className="page-block"
      type="error"
      showIcon
      data-testid={testId}
      title={title ? `${title}${message}` : message}
      description={
        items.length > 0 ? (
          <ul className="problem-list">
            {items.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : undefined
      }
      closable={onClose ? { onClose } : undefined}
    />
  );
}
