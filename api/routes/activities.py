"""The activities domain's HTTP routes: field photos in; calendars and certificates out.

``POST /uploads/field-photos/{clientId}``: the body is the photo's bytes (at most 10 MB;
JPEG, PNG or WebP recognised from the bytes, whatever ``Content-Type`` says).
``clientId`` is the one the device gave ``logFieldActivity``, so a photo queued offline
needs no server id; sending the same photo again answers 200 instead of 201 and stores
nothing. Signed-in field staff and managers (session) only. CSRF: form-encodable content
types and cross-site requests are refused, as on ``/graphql``. Errors are
``{"errors": [{"field", "code", "message"}]}``.

iCalendar feeds and printable training certificates need no session (phones' calendar
apps and printed links cannot send cookies, so a signed token in the URL is the key):

- ``GET /calendar/member/{token}.ics``: the member's events (personal calendar token,
  revoked with their QR code);
- ``GET /calendar/unit/{code}.ics``: a unit's public events, non-personal fields only,
  and the milestones of the DX projects in its subtree (all-day entries; decision 0031);
- ``GET /certificates/{token}``: an HTML certificate of a completed training, in
  Vietnamese, or English when ``Accept-Language`` prefers it.
"""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from activities import attendance, ical, photos
from api.routes import DomainRoute
from api.routes.shared import client_photo_upload
from api.settings import Settings
from core.clock import VIETNAM
from core.errors import DomainError
from i18n import negotiate
from projects.calendar import unit_milestone_entries

# A little above the photo limit, so a slightly larger file gets FILE_TOO_LARGE.
PHOTO_BODY_BYTES = photos.MAX_PHOTO_BYTES + 500_000
_ICS = "text/calendar; charset=utf-8"
_HEADERS = {"Cache-Control": "private, max-age=900", "X-Content-Type-Options": "nosniff"}


upload_field_photo = client_photo_upload(photos.store)


def _host(request: Request) -> str:
    return request.url.hostname or "dxnet"


async def member_calendar(request: Request) -> Response:
    """A member's events as iCalendar, by their personal calendar token."""
    settings: Settings = request.app.state.settings
    try:
        body = await ical.member_feed(
            settings.secret_key, token=request.path_params["token"], host=_host(request)
        )
    except DomainError:
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response(body, media_type=_ICS, headers=_HEADERS)


async def unit_calendar(request: Request) -> Response:
    """A unit's public events and its projects' milestones as iCalendar."""
    code, host = request.path_params["code"], _host(request)
    milestones = await unit_milestone_entries(code=code, host=host)
    body = await ical.unit_feed(code=code, host=host, extra=milestones)
    if body is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response(body, media_type=_ICS, headers=_HEADERS)


_TEXT = {
    "vi": {
        "title": "GIẤY CHỨNG NHẬN",
        "lead": "Chứng nhận",
        "completed": "đã hoàn thành khóa tập huấn",
        "when": "Thời gian",
        "where": "Đơn vị tổ chức",
        "hours": "Số giờ",
        "score": "Điểm kiểm tra",
        "trainer": "Giảng viên",
        "print": "In giấy chứng nhận",
    },
    "en": {
        "title": "CERTIFICATE OF COMPLETION",
        "lead": "This certifies that",
        "completed": "has completed the training",
        "when": "Date",
        "where": "Held by",
        "hours": "Hours",
        "score": "Test score",
        "trainer": "Trainer",
        "print": "Print certificate",
    },
}


async def certificate_page(request: Request) -> Response:
    """A printable certificate of a completed training, by its signed token."""
    settings: Settings = request.app.state.settings
    lang = negotiate(request.headers.get("accept-language"))
    try:
        cert = await attendance.certificate(settings.secret_key, token=request.path_params["token"])
    except DomainError:
        return HTMLResponse("<h1>404</h1>", status_code=404)
    text = _TEXT[lang]
    event = cert.event
    day = event.starts_at.astimezone(VIETNAM).strftime("%d/%m/%Y")
    rows = [(text["when"], day), (text["where"], cert.unit.name)]
    if event.hours is not None:
        rows.append((text["hours"], f"{event.hours}"))
    if event.trainer:
        rows.append((text["trainer"], event.trainer))
    if cert.attendance.score is not None:
        rows.append((text["score"], f"{cert.attendance.score}/100"))
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(text["title"])} – {escape(cert.member.full_name)}</title>
<style>body{{font-family:serif;max-width:48rem;margin:2rem auto;text-align:center}}
h1{{letter-spacing:.1em}}dl{{display:grid;grid-template-columns:auto auto;gap:.3rem 1rem;
justify-content:center;text-align:left}}dt{{font-weight:bold}}
@media print{{button{{display:none}}}}</style></head>
<body><h1>{escape(text["title"])}</h1>
<p>{escape(text["lead"])}</p><h2>{escape(cert.member.full_name)}</h2>
<p>{escape(text["completed"])}</p><h2>{escape(event.title)}</h2>
<dl>{details}</dl>
<button onclick="window.print()">{escape(text["print"])}</button>
</body></html>"""
    return HTMLResponse(
        html,
        headers={
            "Cache-Control": "private, max-age=300",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'",
            "Content-Language": lang,
        },
    )


routes = [
    DomainRoute(
        "/uploads/field-photos/{client_id}",
        upload_field_photo,
        methods=["POST"],
        max_body_bytes=PHOTO_BODY_BYTES,
    ),
    DomainRoute("/calendar/member/{token}.ics", member_calendar, methods=["GET"]),
    DomainRoute("/calendar/unit/{code}.ics", unit_calendar, methods=["GET"]),
    DomainRoute("/certificates/{token}", certificate_page, methods=["GET"]),
]
