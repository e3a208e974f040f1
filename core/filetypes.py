"""File types recognised from their bytes, never from names or Content-Type headers.

Photos (survey answers, activity photos) are JPEG, PNG or WebP (:func:`accept_photo`).
Recordings (survey audio answers) are MP3, AAC, M4A/MP4 audio, 3GPP, Ogg, WebM or
Matroska, WAV and AMR, recognised by :func:`detect_audio` from their first bytes.
Documents attached to initiatives and articles are recognised by :func:`detect_type`
among the types the caller accepts: PDF, JPEG, PNG and WebP by their leading bytes, DOCX
and XLSX by the parts of their zip package (only the names are read, nothing is
inflated, so a zip bomb costs nothing). Macro-enabled Office files are refused. The
name the client gave never decides the type: :func:`safe_file_name` keeps its stem
without folders or odd characters and puts the detected extension on it.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

from core.errors import DomainError


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


PDF = FileType("application/pdf", "pdf")
JPEG = FileType("image/jpeg", "jpg")
PNG = FileType("image/png", "png")
WEBP = FileType("image/webp", "webp")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
_UNSAFE = re.compile(r"[^\w .()+-]", re.UNICODE)
# The part that makes a zip package a Word document or an Excel workbook.
_OFFICE_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


MP3 = FileType("audio/mpeg", "mp3")
AAC = FileType("audio/aac", "aac")
M4A = FileType("audio/mp4", "m4a")
THREE_GPP = FileType("audio/3gpp", "3gp")
THREE_GPP2 = FileType("audio/3gpp2", "3g2")
OGG = FileType("audio/ogg", "ogg")
WEBM = FileType("audio/webm", "webm")
MATROSKA = FileType("audio/x-matroska", "mka")
WAV = FileType("audio/wav", "wav")
AMR = FileType("audio/amr", "amr")
AMR_WB = FileType("audio/amr-wb", "awb")
AUDIO_TYPES = (MP3, AAC, M4A, THREE_GPP, THREE_GPP2, OGG, WEBM, MATROSKA, WAV, AMR, AMR_WB)
# ISO base media (MP4) brands a phone's recorder writes for audio: only taken where
# audio is expected, as the container alone cannot tell sound from video cheaply.
_AUDIO_BRANDS = {
    b"M4A ": M4A,
    b"M4B ": M4A,
    b"mp41": M4A,
    b"mp42": M4A,
    b"isom": M4A,
    b"3gp4": THREE_GPP,
    b"3gp5": THREE_GPP,
    b"3gp6": THREE_GPP,
    b"3g2a": THREE_GPP2,
}
EXTENSIONS = {t.content_type: t.extension for t in (PDF, JPEG, PNG, WEBP, DOCX, XLSX, *AUDIO_TYPES)}


def _mpeg_frame(data: bytes) -> FileType | None:
    """MP3 (MPEG audio layer I-III) or AAC in ADTS by a valid frame header: 11 sync
    bits, then a version, layer, bitrate and sample rate that are not reserved."""
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return None
    version, layer = (data[1] >> 3) & 3, (data[1] >> 1) & 3
    if layer == 0:  # ADTS: MPEG-4 or -2 AAC, the layer always 0
        profile_rate = (data[2] >> 2) & 0xF
        return AAC if data[1] & 0xF6 == 0xF0 and profile_rate < 13 else None
    bitrate, rate = data[2] >> 4, (data[2] >> 2) & 3
    if version == 1 or bitrate in (0, 0xF) or rate == 3:
        return None
    return MP3


def detect_audio(data: bytes) -> FileType | None:
    """The type of a recording, or None: MP3 (ID3 tag or frame), AAC (ADTS), MP4 audio
    and 3GPP (``ftyp`` brand), Ogg, WebM or Matroska, WAV, AMR."""
    if data.startswith(b"ID3") and len(data) >= 10:
        return MP3
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return _AUDIO_BRANDS.get(data[8:12])
    if data.startswith(b"OggS"):
        return OGG
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM if b"webm" in data[:64] else MATROSKA
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return WAV
    if data.startswith(b"#!AMR-WB\n"):
        return AMR_WB
    if data.startswith(b"#!AMR\n"):
        return AMR
    return _mpeg_frame(data)


def detect_image(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP image, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def accept_photo(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """The media type and SHA-256 (hex) of an uploaded photo, or the error refusing it
    (too large, or not a JPEG, PNG or WebP image)."""
    if len(data) > max_bytes:
        raise DomainError("FILE_TOO_LARGE", field="file", max_mb=max_bytes // 1_000_000)
    content_type = detect_image(data)
    if content_type is None:
        raise DomainError("UNSUPPORTED_PHOTO_TYPE", field="file")
    return content_type, hashlib.sha256(data).hexdigest()


def _office_type(data: bytes) -> FileType | None:
    """DOCX or XLSX when ``data`` is such a zip package without macros, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {name.lower() for name in package.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None
    if "[content_types].xml" not in names or any(n.endswith("vbaproject.bin") for n in names):
        return None
    return next((kind for kind, part in _OFFICE_PARTS.items() if part in names), None)


def detect_type(data: bytes, accepted: Collection[FileType]) -> FileType | None:
    """The type among ``accepted`` that ``data`` really is, or None."""
    found: FileType | None = None
    if data.startswith(b"%PDF-"):
        found = PDF
    elif image := detect_image(data):
        found = next(t for t in (JPEG, PNG, WEBP) if t.content_type == image)
    elif data.startswith(b"PK\x03\x04"):
        found = _office_type(data)
    return found if found in accepted else None


def safe_file_name(name: str, file_type: FileType, *, fallback: str = "attachment") -> str:
    """The client's name without folders or odd characters, with the detected extension."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = " ".join(_UNSAFE.sub("_", stem).split()).strip(" .")[:120]
    return f"{stem or fallback}.{file_type.extension}"


def accept_document(
    data: bytes, accepted: Collection[FileType], *, max_bytes: int, code: str
) -> FileType:
    """The type of an uploaded document, or the error refusing it: empty, larger than
    ``max_bytes`` (``FILE_TOO_LARGE``), or not one of ``accepted`` (``code``)."""
    if not data:
        raise DomainError("REQUIRED", field="file")
    if len(data) > max_bytes:
        raise DomainError("FILE_TOO_LARGE", field="file", max_mb=f"{max_bytes / 1_000_000:g}")
    file_type = detect_type(data, accepted)
    if file_type is None:
        raise DomainError(code, field="file")
    return file_type
