import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { audioKind, fileKind } from './file-types';

const bytes = (...parts: (string | number[])[]): Blob =>
  new Blob(parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : new Uint8Array(p))));

/** A real 16-bit mono PCM WAV of `samples` samples at 8 kHz, written as the RIFF format says. */
function wav(samples: number): Blob {
  const data = samples * 2;
  const view = new DataView(new ArrayBuffer(44 + data));
  const text = (at: number, value: string): void => [...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + data, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, data, true);
  for (let i = 0; i < samples; i += 1) view.setInt16(44 + i * 2, Math.round(8000 * Math.sin(i / 4)), true);
  return new Blob([view.buffer]);
}

describe('recordings are read from their bytes, as core/filetypes.py detect_audio reads them', () => {
  it('knows a WAV file (a real one written here, and one of CPython’s test recordings when present)', async () => {
    expect(await audioKind(wav(800))).toBe('wav');
    try {
      const pluck = readFileSync('/root/.pyenv/versions/3.13.0/lib/python3.13/test/audiodata/pluck-pcm16.wav');
      expect(await audioKind(new Blob([pluck]))).toBe('wav');
    } catch {
      // not on this machine: the written file stands
    }
  });

  it('knows what phone recorders write: M4A and 3GPP by their brand, AMR, Ogg Opus, WebM', async () => {
    // Android's recorder (MPEG4 / AAC): size, "ftyp", brand "mp42" or "isom"; iOS "M4A "
    expect(await audioKind(bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0], 'isommp42'))).toBe('m4a');
    expect(await audioKind(bytes([0, 0, 0, 0x1c], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom'))).toBe('m4a');
    expect(await audioKind(bytes([0, 0, 0, 0x18], 'ftyp3gp4', [0, 0, 0, 0], 'isom3gp4'))).toBe('3gp');
    expect(await audioKind(bytes([0, 0, 0, 0x14], 'ftyp3g2a', [0, 0, 0, 0]))).toBe('3g2');
    expect(await audioKind(bytes('#!AMR\n', [0x3c, 0x91, 0x17]))).toBe('amr');
    expect(await audioKind(bytes('#!AMR-WB\n', [0x04]))).toBe('awb');
    // Ogg page with an Opus head (Firefox's MediaRecorder, WhatsApp voice notes)
    expect(await audioKind(bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0, 0, 0], 'OpusHead'))).toBe('ogg');
    // EBML header with DocType "webm" (Chrome's MediaRecorder), and Matroska
    expect(await audioKind(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'))).toBe('webm');
    expect(await audioKind(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska'))).toBe('mka');
  });

  it('knows MP3 by its ID3 tag or a valid frame header, and AAC in ADTS', async () => {
    expect(await audioKind(bytes('ID3', [4, 0, 0, 0, 0, 0, 0x23]))).toBe('mp3');
    expect(await audioKind(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3'); // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    expect(await audioKind(bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]))).toBe('aac'); // ADTS AAC LC 44.1 kHz
  });

  it('refuses what is not a recording: a reserved frame, a video brand, a PDF, a WebP, HTML', async () => {
    expect(await audioKind(bytes([0xff, 0xfb, 0xf0, 0x64]))).toBeNull(); // bitrate index 15 is reserved
    expect(await audioKind(bytes([0xff, 0xeb, 0x90, 0x64]))).toBeNull(); // version 1 is reserved
    expect(await audioKind(bytes([0, 0, 0, 0x20], 'ftypqt  '))).toBeNull(); // a QuickTime movie
    expect(await audioKind(bytes('%PDF-1.4\n'))).toBeNull();
    expect(await audioKind(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBeNull();
    expect(await audioKind(bytes('<html><script>'))).toBeNull();
    expect(await audioKind(new Blob([]))).toBeNull();
    // and a recording is no document
    expect(await fileKind(wav(10))).toBeNull();
  });
});
