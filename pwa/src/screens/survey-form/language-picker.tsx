/** "Ngôn ngữ phiếu / Form language": shown only on a form that carries more languages. */
import { useI18n } from '../../i18n';
import type { Definition } from '../../rules/form';
import { type FormLanguageCode, formLanguages } from './form-language';

interface Props {
  definition: Definition;
  /** The chosen language; null: the interface's. */
  value: FormLanguageCode | null;
  onChange: (code: FormLanguageCode) => void;
}

export function FormLanguagePicker({ definition, value, onChange }: Props) {
  const { t, lang } = useI18n();
  const languages = formLanguages(definition);
  if (languages.length === 0) return null;
  const names: Readonly<Record<string, string>> = { vi: t('form.languageVi'), en: t('form.languageEn') };
  return (
    <label class="field form-language">
      <span>{t('form.language')}</span>
      <select value={value ?? lang} onChange={(e) => onChange(e.currentTarget.value)}>
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name ?? names[l.code] ?? l.code}
          </option>
        ))}
      </select>
    </label>
  );
}
