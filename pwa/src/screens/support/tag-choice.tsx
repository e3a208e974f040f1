/** Expertise tags as checkboxes (the province's editable list), for the request and offer forms. */
import { FieldError } from '../../components/fields';
import { useLoaded } from '../../components/use-loaded';
import { type Tag, fetchTags } from '../../data/support';
import { useI18n } from '../../i18n';

export function TagChoice({ value, onChange, error }: { value: number[]; onChange: (ids: number[]) => void; error: string | null }) {
  const { t } = useI18n();
  const tags = useLoaded(fetchTags, [] as Tag[], []);
  return (
    <fieldset class="question" aria-invalid={error ? true : undefined}>
      <legend>{t('supf.tags')}</legend>
      <div class="sup-choices">
        {tags.map((tag) => (
          <label class="choice" key={tag.id}>
            <input
              type="checkbox"
              checked={value.includes(tag.id)}
              onChange={(e) => onChange(e.currentTarget.checked ? [...value, tag.id] : value.filter((id) => id !== tag.id))}
            />{' '}
            {tag.name}
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}
