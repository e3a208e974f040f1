import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, attachmentProblem, normalizeCode } from './initiatives';

const file = (bytes: number[], name: string, size?: number): Blob & { name: string } => {
  const head = new Uint8Array(bytes);
  const padding = size === undefined ? new Uint8Array(0) : new Uint8Array(size - head.length);
  return Object.assign(new Blob([head, padding]), { name });
};

const zip = (...names: string[]): number[] => Array.from(zipSync(Object.fromEntries(names.map((n) => [n, new Uint8Array([60, 120, 47, 62])]))));
const DOCX = zip('[Content_Types].xml', 'word/document.xml');

describe('attachments are checked on the phone as the server checks them', () => {
  it('accepts PDF, JPEG, PNG and DOCX, by their bytes', async () => {
    expect(await attachmentProblem(file([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'ke-hoach.pdf'))).toBeNull();
    expect(await attachmentProblem(file([0xff, 0xd8, 0xff, 0xe0], 'anh.JPG'))).toBeNull();
    expect(await attachmentProblem(file([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'so-do.png'))).toBeNull();
    expect(await attachmentProblem(file(DOCX, 'bao-cao.bin'))).toBeNull();
  });

  it('refuses a renamed file, a zip that is not a document, a DOCX with macros, an empty file and one over 5 MB', async () => {
    expect(await attachmentProblem(file([0x4d, 0x5a, 0x90, 0x00], 'ke-hoach.pdf'))).toBe('badType'); // an .exe
    expect(await attachmentProblem(file([0x50, 0x4b, 0x03, 0x04], 'tai-lieu.docx'))).toBe('badType');
    expect(await attachmentProblem(file(zip('readme.txt'), 'tai-lieu.docx'))).toBe('badType');
    expect(await attachmentProblem(file(zip('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin'), 'macro.docx'))).toBe('badType');
    expect(await attachmentProblem(file(zip('[Content_Types].xml', 'xl/workbook.xml'), 'bang.xlsx'))).toBe('badType'); // not for initiatives
    expect(await attachmentProblem(file([], 'rong.pdf'))).toBe('empty');
    expect(await attachmentProblem(file([0x25, 0x50, 0x44, 0x46, 0x2d], 'lon.pdf', MAX_ATTACHMENT_BYTES + 1))).toBe('tooLarge');
    expect(await attachmentProblem(file([0x25, 0x50, 0x44, 0x46, 0x2d], 'vua.pdf', MAX_ATTACHMENT_BYTES))).toBeNull();
  });
});

describe('tracking codes', () => {
  it('are read however they are typed, as recognition/tracking.py reads them', () => {
    expect(normalizeCode('sk 7f3k 92qd')).toBe('SK-7F3K-92QD');
    expect(normalizeCode('7F3K-92QD')).toBe('SK-7F3K-92QD');
    expect(normalizeCode('SK-7F3K-92Q')).toBeNull();
    expect(normalizeCode('SK-7F3K-92Q0')).toBeNull(); // 0 is not in the alphabet
    expect(normalizeCode('SK-1LOI-92QD')).toBeNull();
  });
});
