"""Tiny real media files, built byte by byte (or by the standard library) as a phone or
an office program writes them: the file type sniffers and the survey media tests read
them. Nothing here is a stand-in: each file is valid to the format's own rules."""

from __future__ import annotations

import io
import struct
import wave
import zipfile


def wav(seconds: float = 0.05) -> bytes:
    """A mono 8 kHz 16-bit PCM recording of silence, written by the ``wave`` module."""
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x00\x00" * int(8000 * seconds))
    return out.getvalue()


def mp3_frame() -> bytes:
    """One MPEG-1 layer III frame, 128 kbit/s at 44.1 kHz, no padding: a 4-byte header
    (sync, version 1, layer III, no CRC; bitrate index 9, rate index 0; joint stereo)
    and 417 - 4 bytes of (silent) side information and data."""
    header = bytes([0xFF, 0xFB, 0x90, 0x64])
    return header + b"\x00" * (144 * 128_000 // 44_100 - 4)


def mp3_with_id3() -> bytes:
    """An ID3v2.4 tag (empty, its size 0 as a syncsafe integer) before two frames."""
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + mp3_frame() * 2


def adts_aac() -> bytes:
    """One AAC-LC frame in ADTS (MPEG-4, no CRC, 44.1 kHz, mono), 7-byte header."""
    length = 7 + 8
    header = bytes(
        [
            0xFF,
            0xF1,  # sync, MPEG-4, layer 0, protection absent
            (1 << 6) | (4 << 2) | 0,  # profile LC (1), rate index 4 (44.1 kHz)
            (1 << 6) | ((length >> 11) & 0x3),  # 1 channel, frame length high bits
            (length >> 3) & 0xFF,
            ((length & 0x7) << 5) | 0x1F,  # buffer fullness 0x7FF
            0xFC,
        ]
    )
    return header + b"\x00" * 8


def _ogg_crc(page: bytes) -> int:
    crc = 0
    for byte in page:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_opus() -> bytes:
    """The first page of an Ogg Opus stream (RFC 7845): its ``OpusHead`` packet, with
    the page's CRC computed as Ogg defines it."""
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48_000, 0, 0)
    page = bytearray(
        b"OggS" + struct.pack("<BBqIII", 0, 2, 0, 0x5EED, 0, 0) + bytes([1, len(head)]) + head
    )
    struct.pack_into("<I", page, 22, _ogg_crc(bytes(page)))
    return bytes(page)


def _ebml(element_id: bytes, payload: bytes) -> bytes:
    return element_id + bytes([0x80 | len(payload)]) + payload


def webm(doc_type: bytes = b"webm") -> bytes:
    """An EBML header as a WebM (or Matroska) file starts, then an empty Segment."""
    header = b"".join(
        [
            _ebml(b"\x42\x86", b"\x01"),  # EBMLVersion
            _ebml(b"\x42\xf7", b"\x01"),  # EBMLReadVersion
            _ebml(b"\x42\xf2", b"\x04"),  # EBMLMaxIDLength
            _ebml(b"\x42\xf3", b"\x08"),  # EBMLMaxSizeLength
            _ebml(b"\x42\x82", doc_type),  # DocType
            _ebml(b"\x42\x87", b"\x04"),  # DocTypeVersion
            _ebml(b"\x42\x85", b"\x02"),  # DocTypeReadVersion
        ]
    )
    return _ebml(b"\x1a\x45\xdf\xa3", header) + b"\x18\x53\x80\x67\x80"


def ftyp(brand: bytes, *compatible: bytes) -> bytes:
    """An ISO base media file's first box, ``ftyp``, then an empty ``mdat``."""
    body = brand + b"\x00\x00\x02\x00" + b"".join(compatible or (brand,))
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + struct.pack(">I", 8) + b"mdat"


def amr() -> bytes:
    """An AMR-NB file: its magic, then one 12.2 kbit/s speech frame (header 0x3C)."""
    return b"#!AMR\n" + b"\x3c" + b"\x00" * 31


def office(part: str, *, macros: bool = False) -> bytes:
    """A minimal Office Open XML package: DOCX with ``word/document.xml``, XLSX with
    ``xl/workbook.xml`` (macro-enabled with ``vbaProject.bin``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr(part, "<document/>")
        if macros:
            package.writestr(part.split("/")[0] + "/vbaProject.bin", b"\x00")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
