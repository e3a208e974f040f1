import { describe, expect, it } from 'vitest';
import { type Definition, MAX_MEDIA_BYTES, type QuestionDef } from '../../rules/form';
import { formLanguages, inLanguage } from './form-language';
import { mediaProblem } from './media';

const definition: Definition = {
  languages: [{ code: 'km', name: 'Khmer' }],
  pages: [
    {
      titleVi: 'Hộ gia đình',
      titleEn: 'Household',
      translations: { km: { title: 'គ្រួសារ' } },
      questions: [
        {
          key: 'crop',
          kind: 'SINGLE_CHOICE',
          labelVi: 'Cây trồng chính',
          labelEn: 'Main crop',
          hintVi: 'Chọn một',
          translations: { km: { label: 'ដំណាំចម្បង' } },
          constraintMessageVi: 'Sai',
          constraintMessageEn: 'Wrong',
          choices: [
            { value: 'rice', labelVi: 'Lúa', labelEn: 'Rice', translations: { km: { label: 'ស្រូវ' } } },
            { value: 'shrimp', labelVi: 'Tôm', labelEn: 'Shrimp' },
          ],
        },
        {
          key: 'members',
          kind: 'REPEAT',
          labelVi: 'Thành viên',
          questions: [{ key: 'name', kind: 'TEXT', labelVi: 'Họ tên', labelEn: 'Name', translations: { km: { label: 'ឈ្មោះ' } } }],
        },
      ],
    },
  ],
};

const first = (d: Definition): QuestionDef => d.pages[0]!.questions[0]!;

describe('a form read in one of its own languages (decision 0038)', () => {
  it('offers Vietnamese, English, then the declared languages; nothing when none is declared', () => {
    expect(formLanguages(definition)).toEqual([
      { code: 'vi', name: null },
      { code: 'en', name: null },
      { code: 'km', name: 'Khmer' },
    ]);
    expect(formLanguages({ pages: [] })).toEqual([]);
  });

  it('shows the Khmer texts, falling back to the interface language then Vietnamese', () => {
    const km = inLanguage(definition, 'km', 'en');
    expect(km.pages[0]!.titleVi).toBe('គ្រួសារ');
    expect(first(km).labelVi).toBe('ដំណាំចម្បង');
    expect(first(km).labelEn).toBe('ដំណាំចម្បង');
    expect(first(km).choices!.map((c) => c.labelEn)).toEqual(['ស្រូវ', 'Shrimp']);
    expect(first(km).constraintMessageVi).toBe('Wrong'); // no Khmer: the interface's English
    expect(first(km).hintEn).toBe('Chọn một'); // no Khmer, no English: Vietnamese
    expect(km.pages[0]!.questions[1]!.questions![0]!.labelVi).toBe('ឈ្មោះ'); // inside a repeat too
    const kmVi = inLanguage(definition, 'km', 'vi');
    expect(first(kmVi).choices!.map((c) => c.labelVi)).toEqual(['ស្រូវ', 'Tôm']);
  });

  it('keeps keys, values and rules; Vietnamese chosen under an English interface shows Vietnamese', () => {
    const vi = inLanguage(definition, 'vi', 'en');
    expect(first(vi).labelEn).toBe('Cây trồng chính');
    expect(first(vi).choices!.map((c) => c.value)).toEqual(['rice', 'shrimp']);
    expect(inLanguage(definition, null, 'vi')).toBe(definition);
    expect(inLanguage(definition, 'fr', 'vi')).toBe(definition); // a language the form does not carry
  });
});

describe('audio and file answers are checked on the device before they are kept', () => {
  const audio: QuestionDef = { key: 'voice', kind: 'AUDIO', labelVi: 'Ghi âm' };
  const file: QuestionDef = { key: 'scan', kind: 'FILE', labelVi: 'Tệp', accept: ['pdf'] };
  const wavHead = new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...'WAVE'].map((c) => c.charCodeAt(0))));
  const pdf = new TextEncoder().encode('%PDF-1.4\n');

  it('takes a recording and a PDF, refuses a PDF as audio and an image where only PDF is accepted', async () => {
    expect(await mediaProblem(audio, new Blob([wavHead]))).toBeNull();
    expect(await mediaProblem(file, new Blob([pdf]))).toBeNull();
    expect(await mediaProblem(audio, new Blob([pdf]))).toBe('badType');
    expect(await mediaProblem(file, new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]))).toBe('badType');
    expect(await mediaProblem({ ...file, accept: null }, new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])]))).toBeNull();
  });

  it('refuses over 10 MB and empty files', async () => {
    expect(await mediaProblem(audio, new Blob([wavHead, new Uint8Array(MAX_MEDIA_BYTES)]))).toBe('tooLarge');
    expect(await mediaProblem(file, new Blob([]))).toBe('empty');
  });
});
