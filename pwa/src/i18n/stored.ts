/** The language chosen on this device (read by the bootstrap too, before the catalogue loads). */
export type Language = 'vi' | 'en';

const STORAGE_KEY = 'dxnet.lang';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this visit
  }
}
