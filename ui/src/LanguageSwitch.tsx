// Language switches: a one-click toggle for the header, and a radio group for the settings page.
import { Button, Radio } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from './i18n';

/** Header button: shows the other language's name and switches to it. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const next: Language = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      data-testid="lang-switch"
      icon={<TranslationOutlined />}
      title={t('language.switch')}
      aria-label={t('language.switch')}
      onClick={() => void setLanguage(next)}
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}

/** Settings page: both languages side by side. */
export function LanguageRadio() {
  const { i18n } = useTranslation();
  return (
    <Radio.Group
      optionType="button"
      value={currentLanguage(i18n.language)}
      onChange={(e) => void setLanguage(e.target.value as Language)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
