import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, attachmentProblem } from './knowledge';
import { fileKind, formatSize } from './file-types';

const part = new Uint8Array([60, 120, 47, 62]);
const zip = (...names: string[]): Blob => new Blob([zipSync(Object.fromEntries(names.map((n) => [n, part])))]);
const bytes = (...values: number[]): Blob => new Blob([new Uint8Array(values)]);

describe('file kinds are read from the bytes, as core/filetypes.py reads them', () => {
  it('knows PDF, JPEG, PNG, WebP, DOCX and XLSX', async () => {
    expect(await fileKind(bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31))).toBe('pdf');
    expect(await fileKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(await fileKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(await fileKind(bytes(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50))).toBe('webp');
    expect(await fileKind(zip('[Content_Types].xml', 'word/document.xml'))).toBe('docx');
    expect(await fileKind(zip('[Content_Types].xml', 'xl/workbook.xml'))).toBe('xlsx');
  });

  it('refuses executables, HTML, plain zips and macro-enabled packages', async () => {
    expect(await fileKind(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(await fileKind(new Blob(['<svg><script>alert(1)</script></svg>']))).toBeNull();
    expect(await fileKind(zip('readme.txt'))).toBeNull();
    expect(await fileKind(zip('[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin'))).toBeNull();
    expect(await fileKind(bytes(0x50, 0x4b, 0x03, 0x04, 1, 2))).toBeNull();
  });
});

describe("an article's attachments are checked on the phone first", () => {
  it('takes the six kinds up to 10 MB', async () => {
    expect(ATTACHMENT_KINDS).toHaveLength(6);
    expect(await attachmentProblem(zip('[Content_Types].xml', 'xl/workbook.xml'))).toBeNull();
    const big = new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), new Uint8Array(MAX_ATTACHMENT_BYTES)]);
    expect(await attachmentProblem(big)).toBe('tooLarge');
    expect(await attachmentProblem(new Blob([]))).toBe('empty');
    expect(await attachmentProblem(bytes(0x4d, 0x5a))).toBe('badType');
  });

  it('shows sizes in decimal units, in the reader’s language', () => {
    expect(formatSize(512, 'vi')).toBe('512 B');
    expect(formatSize(2_400, 'en')).toBe('2 KB');
    expect(formatSize(1_450_000, 'vi')).toBe('1,5 MB');
    expect(formatSize(1_450_000, 'en')).toBe('1.5 MB');
  });
});
