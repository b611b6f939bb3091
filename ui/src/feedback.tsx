// Shared error feedback: a hook that shows a backend error in the current language, and an inline query-failure notice.
import { useCallback } from 'react';
import { Alert, App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from './apiError';
import { currentLanguage, localize } from './i18n';

/** Shows any error (ApiError or not) as a message in the current language. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  const { i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const apiError = toApiError(error);
      void message.error(localize(apiError.dto.message, currentLanguage(i18n.language)));
    },
    [message, i18n],
  );
}

/** The message of an error in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (error: unknown) => localize(toApiError(error).dto.message, currentLanguage(i18n.language)),
    [i18n],
  );
}

/** An inline notice for a failed load, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.load_failed')}
      description={errorText(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
