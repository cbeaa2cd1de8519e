// A deliberately tiny i18n: one reactive locale, two flat dictionaries, `{name}` placeholders.
import { ref, watchEffect } from 'vue';
import { en } from './en';
import type { MessageKey, Messages } from './messages';
import { zhCN } from './zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'fupin.locale';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

function storedLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'zh-CN';
}

export const locale = ref<Locale>(storedLocale());

watchEffect(() => {
  localStorage.setItem(STORAGE_KEY, locale.value);
  document.documentElement.lang = locale.value;
});

export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params: MessageParams = {}): string {
  return dictionaries[locale.value][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Things named in both languages (townships, villages, sites…): English falls back to Chinese. */
export function localName(named: { name: string; nameEn?: string | null }): string {
  return locale.value === 'en' && named.nameEn ? named.nameEn : named.name;
}

export function toggleLocale(): void {
  locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
}

export type { MessageKey };
