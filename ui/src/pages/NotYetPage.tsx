// Honest placeholder for a section whose feature is not built yet: says so, and says what it will do.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

export type UnfinishedSection = 'reports';

export function NotYetPage({ section }: { section: UnfinishedSection }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('not_yet.title', { feature: t(`nav.${section}`) })}
      subTitle={t(`not_yet.${section}`)}
    />
  );
}
