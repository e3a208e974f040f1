/**
 * What a file really is, read from its bytes as the server reads it (core/filetypes.py),
 * so a renamed or oversized file is refused on the phone before any byte goes over 3G:
 * PDF, JPEG, PNG and WebP by their first bytes; DOCX and XLSX by the names of the parts
 * in their zip package (read with fflate, loaded only when a zip turns up; nothing is
 * inflated), macro-enabled ones refused.
 * And an upload with progress (XMLHttpRequest: `fetch` reports none while sending).
 */
import type { ServerError } from './db';
import { requestLanguage } from './graphql';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'docx' | 'xlsx';
export type FileProblem = 'tooLarge' | 'badType' | 'empty';

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The Office document a zip package is (DOCX or XLSX), null when it is neither or holds macros. */
async function officeKind(bytes: Uint8Array): Promise<FileKind | null> {
  const { unzipSync } = await import('fflate');
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name.toLowerCase());
        return false;
      },
    });
  } catch {
    return null;
  }
  if (!names.includes('[content_types].xml') || names.some((n) => n.endsWith('vbaproject.bin'))) return null;
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** The kind of file `blob` is, from its bytes, or null for anything else. */
export async function fileKind(blob: Blob): Promise<FileKind | null> {
  const head = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return officeKind(new Uint8Array(await blob.arrayBuffer()));
  return null;
}

export type AudioKind = 'mp3' | 'aac' | 'm4a' | '3gp' | '3g2' | 'ogg' | 'webm' | 'mka' | 'wav' | 'amr' | 'awb';

/** MP4 brands a phone's recorder writes for audio (core/filetypes.py _AUDIO_BRANDS). */
const AUDIO_BRANDS: Readonly<Record<string, AudioKind>> = {
  'M4A ': 'm4a',
  'M4B ': 'm4a',
  mp41: 'm4a',
  mp42: 'm4a',
  isom: 'm4a',
  '3gp4': '3gp',
  '3gp5': '3gp',
  '3gp6': '3gp',
  '3g2a': '3g2',
};

const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));

/** MP3 or ADTS AAC by a valid frame header (11 sync bits, nothing reserved), as the server reads it. */
function mpegFrame(b: Uint8Array): AudioKind | null {
  const [b0 = 0, b1 = 0, b2 = 0] = b;
  if (b.length < 4 || b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  if (layer === 0) return (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0xf) < 13 ? 'aac' : null;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 3;
  return version === 1 || bitrate === 0 || bitrate === 0xf || rate === 3 ? null : 'mp3';
}

/**
 * The kind of recording `blob` is, from its first bytes (core/filetypes.py detect_audio):
 * MP3, AAC, M4A and 3GPP (their `ftyp` brand), Ogg, WebM or Matroska, WAV, AMR; else null.
 */
export async function audioKind(blob: Blob): Promise<AudioKind | null> {
  const b = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) return 'mp3';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') return AUDIO_BRANDS[ascii(b, 8, 12)] ?? null;
  if (ascii(b, 0, 4) === 'OggS') return 'ogg';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return ascii(b, 0, 64).includes('webm') ? 'webm' : 'mka';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'wav';
  if (ascii(b, 0, 9) === '#!AMR-WB\n') return 'awb';
  if (ascii(b, 0, 6) === '#!AMR\n') return 'amr';
  return mpegFrame(b);
}

/** Why the server would refuse `blob` (empty, over `maxBytes`, not one of `accepted`), or null. */
export async function fileProblem(blob: Blob, accepted: readonly FileKind[], maxBytes: number): Promise<FileProblem | null> {
  if (blob.size === 0) return 'empty';
  if (blob.size > maxBytes) return 'tooLarge';
  const kind = await fileKind(blob);
  return kind !== null && accepted.includes(kind) ? null : 'badType';
}

export type UploadOutcome = { ok: true; body: unknown } | { ok: false; status: number; errors: ServerError[] };

/**
 * POST `blob` as `application/octet-stream`, reporting the share sent (0 to 1). A network
 * failure rejects; the server's refusal resolves with its translated errors.
 */
export function uploadWithProgress(url: string, blob: Blob, onProgress: (sent: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('Accept-Language', requestLanguage());
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new Error('aborted'));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 200 || request.status === 201) resolve({ ok: true, body });
      else resolve({ ok: false, status: request.status, errors: (body as { errors?: ServerError[] } | null)?.errors ?? [] });
    };
    request.send(blob);
  });
}

/** A size for people: "820 KB", "1,4 MB" (decimal units, as the server's limits). */
export function formatSize(bytes: number, lang: string): string {
  const format = (n: number, digits: number): string => n.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits });
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${format(bytes / 1000, 0)} KB`;
  return `${format(bytes / 1_000_000, 1)} MB`;
}
