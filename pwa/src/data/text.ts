/** Vietnamese-aware folding for search on the device, as core/text.py folds on the server. */

/** `'Nguyễn Văn Đức'` → `'nguyen van duc'`: no case, no diacritics, đ → d, single spaces. */
export function fold(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Digits only, a leading +84 read as 0: what a typed phone number is compared by. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.startsWith('84') && digits.length > 9 ? `0${digits.slice(2)}` : digits;
}
