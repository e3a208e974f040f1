/** Expertise tags as checkboxes (the province's editable list), for the request and offer forms. */
import { useEffect, useState } from 'preact/hooks';
import { type Tag, fetchTags } from '../../data/support';
import { useI18n } from '../../i18n';

export function TagChoice({ value, onChange, error }: { value: number[]; onChange: (ids: number[]) => void; error: string | null }) {
  const { t } = useI18n();
  const [tags, setTags] = useState<Tag[]>([]);
  useEffect(() => {
    let live = true;
    fetchTags().then(
      (found) => live && setTags(found),
      () => live && setTags([]),
    );
    return () => {
      live = false;
    };
  }, []);
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
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
