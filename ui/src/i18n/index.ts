// i18next setup: zh-CN (default) and en resources, the remembered language, and dayjs/antd locale switching.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import type { Locale } from 'antd/es/locale';
import type { Localized } from '../bindings/Localized';
import zhCN from './zh-CN.json';
import en from './en.json';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'kaoqin.language';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen last time, or Chinese. */
export function storedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Narrows whatever i18next reports to one of our two languages. */
export function currentLanguage(lng: string | undefined = i18n.language): Language {
  return lng === 'en' || lng?.startsWith('en-') ? 'en' : 'zh-CN';
}

export function antdLocale(lang: Language): Locale {
  return lang === 'en' ? antdEnUS : antdZhCN;
}

function applyDayjsLocale(lang: Language): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

/** Picks the text of a backend message in the current language. */
export function localize(text: Localized, lang: Language = currentLanguage()): string {
  const preferred = lang === 'en' ? text.en : text.zh;
  return preferred || text.zh || text.en;
}

/** Switches the UI language and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies to this session.
  }
  applyDayjsLocale(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

if (!i18n.isInitialized) {
  const lang = storedLanguage();
  applyDayjsLocale(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  void i18n.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
}

export default i18n;
