"""Demo attachments of the knowledge base, made in code: one-page PDF checklists a
community tech team prints or shows on a phone, and a QR code that opens the national
public service portal (so a citizen scans the real address instead of typing one a
scammer sent). Attached through the same services an editor's upload goes through, so
the demo files are recognised and stored as any other.

The PDFs use the 14 standard fonts (no font embedded, a few KB each), which have no
Vietnamese letters: their text is written without tone marks, as people often type it.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import segno


class DemoFile(NamedTuple):
    slug: str  # the article it is attached to
    file_name: str
    content: bytes


def _plain(text: str) -> str:
    """``text`` in the letters the standard PDF fonts have (no tone marks, đ as d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def _pdf_text(text: str) -> str:
    return _plain(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def checklist_pdf(title: str, items: Sequence[str], note: str) -> bytes:
    """A one-page A4 PDF: ``title``, one box to tick per item, and ``note`` at the foot."""
    ops = [f"BT /F2 18 Tf 56 780 Td ({_pdf_text(title)}) Tj ET", "0.6 w"]
    y = 730
    for item in items:
        ops.append(f"56 {y - 3} 12 12 re S")
        ops.append(f"BT /F1 12 Tf 80 {y} Td ({_pdf_text(item)}) Tj ET")
        y -= 30
    ops.append(f"BT /F1 9 Tf 56 60 Td ({_pdf_text(note)}) Tj ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=3)
    return buffer.getvalue()


NOTE = "DXNet - tai lieu mau cho To cong nghe so cong dong. Kiem tra lai quy dinh hien hanh."


def demo_files() -> list[DemoFile]:
    return [
        DemoFile(
            "dang-ky-vneid-muc-2",
            "Danh sách chuẩn bị đăng ký VNeID mức 2.pdf",
            checklist_pdf(
                "Chuẩn bị đăng ký định danh điện tử mức 2",
                [
                    "Thẻ căn cước (hoặc căn cước công dân gắn chip) còn hạn",
                    "Điện thoại có số thuê bao đứng tên chính người đăng ký",
                    "Đã cài ứng dụng VNeID trên điện thoại",
                    "Đến công an cấp xã nơi cư trú",
                    "Điền phiếu đề nghị cấp tài khoản định danh điện tử",
                    "Chụp ảnh chân dung, lấy vân tay",
                    "Nhận tin nhắn, kích hoạt tài khoản trên VNeID",
                    "Không mất phí: ai đòi tiền là lừa đảo",
                ],
                NOTE,
            ),
        ),
        DemoFile(
            "bi-lua-dao-phai-lam-gi",
            "Các bước khi bị lừa chuyển tiền.pdf",
            checklist_pdf(
                "Lỡ bị lừa chuyển tiền hoặc lộ OTP: làm ngay",
                [
                    "Gọi tổng đài chính thức của ngân hàng (in trên thẻ)",
                    "Khóa tài khoản, khóa thẻ, yêu cầu tra soát giao dịch",
                    "Đổi mật khẩu ngân hàng, thư điện tử, mạng xã hội",
                    "Gỡ ứng dụng lạ vừa cài",
                    "Giữ tin nhắn, số điện thoại, ảnh chụp màn hình",
                    "Ghi lại số tài khoản đã nhận tiền",
                    "Trình báo công an nơi gần nhất (khẩn cấp: 113)",
                    "Không trả phí cho ai hứa 'lấy lại tiền'",
                ],
                NOTE,
            ),
        ),
        DemoFile(
            "quy-tac-khi-ho-tro-nguoi-dan",
            "Việc cần làm khi đến hộ dân.pdf",
            checklist_pdf(
                "Khi hỗ trợ người dân tại nhà",
                [
                    "Giới thiệu tên, tổ công nghệ số, đơn vị",
                    "Người dân tự nhập mật khẩu và mã OTP",
                    "Không chụp, không ghi lại giấy tờ của người dân",
                    "Chỉ ghi những gì biểu mẫu yêu cầu",
                    "Xong việc, đăng xuất mọi tài khoản trên máy dùng chung",
                    "Ghi nhận buổi hỗ trợ trên DXNet",
                ],
                NOTE,
            ),
        ),
        DemoFile(
            "cong-dich-vu-cong-quoc-gia",
            "Mã QR Cổng Dịch vụ công quốc gia.png",
            qr_png("https://dichvucong.gov.vn"),
        ),
    ]
