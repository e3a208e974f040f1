"""Recordings recognised from their first bytes (decision 0038), on real file headers."""

from __future__ import annotations

import pytest

from core import filetypes
from core.filetypes import detect_audio, detect_type
from tests import media_files as files


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (files.wav(), filetypes.WAV),
        (files.mp3_frame() * 3, filetypes.MP3),
        (files.mp3_with_id3(), filetypes.MP3),
        (files.adts_aac(), filetypes.AAC),
        (files.ogg_opus(), filetypes.OGG),
        (files.webm(), filetypes.WEBM),
        (files.webm(b"matroska"), filetypes.MATROSKA),
        (files.ftyp(b"M4A ", b"M4A ", b"mp42", b"isom"), filetypes.M4A),
        (files.ftyp(b"mp42"), filetypes.M4A),
        (files.ftyp(b"3gp4"), filetypes.THREE_GPP),
        (files.ftyp(b"3g2a"), filetypes.THREE_GPP2),
        (files.amr(), filetypes.AMR),
        (b"#!AMR-WB\n" + b"\x00" * 20, filetypes.AMR_WB),
    ],
)
def test_each_recording_format_is_read_from_its_bytes(
    data: bytes, expected: filetypes.FileType
) -> None:
    assert detect_audio(data) == expected
    assert expected.content_type.startswith("audio/")
    assert filetypes.EXTENSIONS[expected.content_type] == expected.extension


@pytest.mark.parametrize(
    "data",
    [
        files.PDF,
        files.PNG,
        b"\xff\xd8\xff\xe0" + b"\x00" * 20,  # a JPEG: no frame sync (0xD8 & 0xE0 != 0xE0)
        files.ftyp(b"qt  "),  # a QuickTime movie
        files.ftyp(b"avif"),  # an image in the same container
        bytes([0xFF, 0xEB, 0x90, 0x64]) + b"\x00" * 10,  # version bits "reserved"
        bytes([0xFF, 0xFB, 0xF0, 0x64]) + b"\x00" * 10,  # bitrate index 15 (bad)
        bytes([0xFF, 0xFB, 0x9C, 0x64]) + b"\x00" * 10,  # sample rate index 3 (reserved)
        b"RIFF\x24\x00\x00\x00WEBPVP8 ",  # a WebP picture, RIFF but not WAVE
        b"MZ\x90\x00" * 10,
        b"ID3",  # a tag cut short
        b"",
    ],
)
def test_anything_else_is_not_a_recording(data: bytes) -> None:
    assert detect_audio(data) is None


def test_office_files_without_macros_and_pdfs_are_documents() -> None:
    office = [filetypes.PDF, filetypes.DOCX, filetypes.XLSX]

    assert detect_type(files.office("word/document.xml"), office) == filetypes.DOCX
    assert detect_type(files.office("xl/workbook.xml"), office) == filetypes.XLSX
    assert detect_type(files.office("xl/workbook.xml", macros=True), office) is None
    assert detect_type(files.PDF, office) == filetypes.PDF
    assert detect_type(files.wav(), office) is None
