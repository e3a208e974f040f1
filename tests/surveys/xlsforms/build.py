# ruff: noqa: RUF005
"""Writes the XLSForm corpus of this folder with openpyxl: twelve forms modelled on real
field forms (household, nutrition, health facility, village registration, land parcel,
training attendance, water points, immunisation, building mapping, farm, digital
household and Khmer livelihood surveys, the last in three languages with audio and
file answers), written the way ODK and KoBoToolbox users write them: repeats,
calculations, cascading selects, piping, metadata and appearances included.

Run ``python -m tests.surveys.xlsforms.build`` to rewrite the .xlsx files; the
benchmark (``python -m bench xlsform``) and tests/surveys/test_xlsform.py read them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]

HERE = Path(__file__).parent
VI = "Tiếng Việt (vi)"
EN = "English (en)"
KM = "Khmer (km)"  # the Khmer community of the Mekong delta, Cà Mau included
COLUMNS = {
    "vi": f"label::{VI}",
    "en": f"label::{EN}",
    "hint": f"hint::{VI}",
    "hint_en": f"hint::{EN}",
    "message": f"constraint_message::{VI}",
    "km": f"label::{KM}",
    "hint_km": f"hint::{KM}",
    "message_km": f"constraint_message::{KM}",
    "required_km": f"required_message::{KM}",
}
Row = dict[str, Any]


def q(kind: str, name: str = "", vi: str = "", en: str = "", **columns: Any) -> Row:
    return {"type": kind, "name": name, "vi": vi, "en": en, **columns}


def end(kind: str) -> Row:
    return {"type": f"end {kind}"}


def yes_no() -> list[tuple[str, ...]]:
    return [("yn", "yes", "Có", "Yes"), ("yn", "no", "Không", "No")]


def write(
    name: str,
    title: str,
    survey: list[Row],
    choices: list[tuple[str, ...]],
    languages: tuple[str, ...] = (),
    **settings: str,
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    keys: list[str] = []
    for row in survey:
        keys.extend(k for k in row if k not in keys)
    sheet.append([COLUMNS.get(k, k) for k in keys])
    for row in survey:
        sheet.append([row.get(k) for k in keys])
    listed = book.create_sheet("choices")
    extra = max((len(c) for c in choices), default=4) - 4 - len(languages)
    listed.append(
        [
            "list_name",
            "name",
            f"label::{VI}",
            f"label::{EN}",
            *[f"label::{language}" for language in languages],
            *["filter_" + str(i) for i in range(extra)],
        ][: 4 + len(languages) + extra]
    )
    for choice in choices:
        listed.append(list(choice))
    setup = book.create_sheet("settings")
    values = {
        "form_title": title,
        "form_id": name,
        "version": "2025070101",
        "default_language": VI,
        **settings,
    }
    setup.append(list(values))
    setup.append(list(values.values()))
    book.save(HERE / f"{name}.xlsx")


def household() -> None:
    survey = [
        q("start", "start"),
        q("end", "end"),
        q("today", "today"),
        q("deviceid", "deviceid"),
        q("begin group", "hh", "Thông tin hộ", "Household", appearance="field-list"),
        q("text", "hhHead_name", "Họ tên chủ hộ", "Head of household", required="yes"),
        q("select_one yn", "hhHead_female", "Chủ hộ là nữ?", "Female head?", required="yes"),
        q(
            "integer",
            "hh_size",
            "Số nhân khẩu",
            "Household size",
            required="yes",
            constraint=". > 0 and . <= 30",
            message="Từ 1 đến 30 người",
        ),
        q(
            "text",
            "phone",
            "Số điện thoại",
            "Phone",
            constraint="regex(., '^0[0-9]{9}$')",
            message="10 chữ số, bắt đầu bằng 0",
        ),
        end("group"),
        q("begin repeat", "member", "Thành viên", "Member", repeat_count="${hh_size}"),
        q("text", "m_name", "Họ tên", "Name", required="yes"),
        q("select_one sex", "m_sex", "Giới tính", "Sex", required="yes"),
        q("integer", "m_age", "Tuổi", "Age", constraint=". >= 0 and . <= 120"),
        q("select_one edu", "m_edu", "Trình độ học vấn", "Education", relevant="${m_age} >= 6"),
        end("repeat"),
        q("begin group", "living", "Điều kiện sống", "Living conditions", appearance="field-list"),
        q(
            "select_one water or_other",
            "water_source",
            "Nguồn nước chính",
            "Main water source",
            required="yes",
        ),
        q("select_one toilet", "toilet", "Loại nhà vệ sinh", "Toilet type"),
        q("select_multiple assets", "assets", "Tài sản của hộ", "Assets", hint="Chọn tất cả"),
        q(
            "decimal",
            "income_month",
            "Thu nhập bình quân tháng (triệu đồng)",
            "Monthly income (million VND)",
            constraint=". >= 0",
        ),
        q("select_one yn", "poor_cert", "Hộ có sổ hộ nghèo?", "Poor household certificate?"),
        q(
            "date",
            "poor_cert_date",
            "Ngày cấp sổ",
            "Certificate date",
            relevant="${poor_cert} = 'yes'",
        ),
        end("group"),
        q("calculate", "income_pc", calculation="${income_month} div ${hh_size}"),
        q("note", "thanks", "Cảm ơn hộ ${hhHead_name} đã tham gia.", "Thank you."),
    ]
    choices = yes_no() + [
        ("sex", "1", "Nam", "Male"),
        ("sex", "2", "Nữ", "Female"),
        ("edu", "0", "Chưa đi học", "None"),
        ("edu", "1", "Tiểu học", "Primary"),
        ("edu", "2", "THCS", "Lower secondary"),
        ("edu", "3", "THPT", "Upper secondary"),
        ("edu", "4", "Cao đẳng, đại học", "College, university"),
        ("edu", "-99", "Không rõ", "Unknown"),
        ("water", "tap", "Nước máy", "Piped"),
        ("water", "well", "Giếng khoan", "Borehole"),
        ("water", "rain", "Nước mưa", "Rain"),
        ("water", "river", "Sông, suối", "River"),
        ("toilet", "flush", "Tự hoại", "Flush"),
        ("toilet", "pit", "Hố xí", "Pit"),
        ("toilet", "none", "Không có", "None"),
        ("assets", "tv", "Ti vi", "TV"),
        ("assets", "fridge", "Tủ lạnh", "Fridge"),
        ("assets", "moto", "Xe máy", "Motorbike"),
        ("assets", "phone", "Điện thoại thông minh", "Smartphone"),
        ("assets", "computer", "Máy tính", "Computer"),
    ]
    write(
        "ho_gia_dinh",
        "Khảo sát hộ gia đình 2025",
        survey,
        choices,
        instance_name="concat(${hhHead_name}, '-', ${today})",
    )


def nutrition() -> None:
    survey = [
        q("start", "start"),
        q("end", "end"),
        q("text", "child_name", "Họ tên trẻ", "Child's name", required="yes"),
        q(
            "date",
            "child_dob",
            "Ngày sinh",
            "Date of birth",
            required="yes",
            constraint=". <= today()",
        ),
        q("select_one sex", "child_sex", "Giới tính", "Sex", required="yes"),
        q(
            "calculate",
            "age_months",
            calculation="int((decimal-date-time(today()) - decimal-date-time(${child_dob})) div 30.4375)",
        ),
        q("note", "age_note", "Trẻ ${age_months} tháng tuổi", "Child is ${age_months} months old"),
        q(
            "decimal",
            "weight_kg",
            "Cân nặng (kg)",
            "Weight (kg)",
            required="yes",
            constraint=". >= 1 and . <= 40",
            message="Từ 1 đến 40 kg",
        ),
        q(
            "decimal",
            "height_cm",
            "Chiều cao (cm)",
            "Height (cm)",
            required="yes",
            constraint=". >= 40 and . <= 130",
        ),
        q(
            "decimal",
            "muac_mm",
            "Vòng cánh tay (mm)",
            "MUAC (mm)",
            constraint=". >= 60 and . <= 250",
        ),
        q("select_one yn", "oedema", "Phù hai chân?", "Bilateral oedema?", required="yes"),
        q(
            "select_one yn",
            "breastfed",
            "Trẻ còn bú mẹ?",
            "Still breastfed?",
            relevant="${age_months} < 24",
        ),
        q(
            "select_multiple food",
            "food_24h",
            "Nhóm thực phẩm ăn trong 24 giờ qua",
            "Food groups in the last 24 hours",
            appearance="minimal",
        ),
        q("integer", "meals", "Số bữa ăn hôm qua", "Meals yesterday", constraint=". <= 10"),
        q(
            "select_one yn",
            "vita",
            "Uống vitamin A trong 6 tháng qua?",
            "Vitamin A in the last 6 months?",
        ),
        q("text", "notes", "Ghi chú", "Notes", appearance="multiline"),
    ]
    choices = yes_no() + [
        ("sex", "m", "Nam", "Male"),
        ("sex", "f", "Nữ", "Female"),
        ("food", "grains", "Ngũ cốc", "Grains"),
        ("food", "legumes", "Đậu", "Legumes"),
        ("food", "dairy", "Sữa", "Dairy"),
        ("food", "meat", "Thịt, cá", "Meat, fish"),
        ("food", "eggs", "Trứng", "Eggs"),
        ("food", "vita_veg", "Rau củ giàu vitamin A", "Vitamin A vegetables"),
        ("food", "other_veg", "Rau quả khác", "Other fruit and vegetables"),
    ]
    write("dinh_duong_tre_em", "Theo dõi dinh dưỡng trẻ dưới 5 tuổi", survey, choices)


def health_facility() -> None:
    survey = [
        q("today", "today"),
        q("begin group", "id", "Định danh cơ sở", "Facility", appearance="field-list"),
        q("text", "facility_name", "Tên cơ sở", "Facility name", required="yes"),
        q("select_one ftype", "facility_type", "Loại cơ sở", "Facility type", required="yes"),
        q("select_one hours", "opening", "Giờ hoạt động", "Opening hours"),
        q("geopoint", "gps", "Vị trí", "Location", required="yes"),
        q("image", "photo_front", "Ảnh mặt trước", "Front photo", parameters="max-pixels=1024"),
        end("group"),
        q("begin group", "staff", "Nhân lực", "Staff", appearance="field-list"),
        q("integer", "n_doctors", "Số bác sĩ", "Doctors", required="yes", constraint=". >= 0"),
        q("integer", "n_nurses", "Số điều dưỡng", "Nurses", required="yes", constraint=". >= 0"),
        q("integer", "n_midwives", "Số nữ hộ sinh", "Midwives", constraint=". >= 0"),
        q(
            "calculate",
            "n_staff",
            calculation="${n_doctors} + ${n_nurses} + coalesce(${n_midwives}, 0)",
        ),
        end("group"),
        q("begin group", "services", "Dịch vụ", "Services"),
        q(
            "select_multiple svc",
            "services_offered",
            "Dịch vụ cung cấp",
            "Services offered",
            required="yes",
        ),
        q(
            "select_one yn",
            "vaccine_fridge",
            "Có tủ lạnh bảo quản vắc xin?",
            "Vaccine fridge?",
            relevant="selected(${services_offered}, 'immun')",
        ),
        q("select_one yn", "electricity", "Có điện lưới?", "Grid electricity?"),
        q(
            "select_one yn",
            "generator",
            "Có máy phát điện?",
            "Generator?",
            relevant="${electricity} = 'no'",
        ),
        q("integer", "beds", "Số giường bệnh", "Beds", relevant="${facility_type} != 'pharmacy'"),
        q(
            "range",
            "cleanliness",
            "Mức độ sạch sẽ (1-5)",
            "Cleanliness (1-5)",
            parameters="start=1 end=5 step=1",
        ),
        end("group"),
        q("note", "end_note", "Đã xong phiếu cơ sở ${facility_name}", "Done"),
    ]
    choices = yes_no() + [
        ("ftype", "hospital", "Bệnh viện", "Hospital"),
        ("ftype", "chc", "Trạm y tế xã", "Commune health centre"),
        ("ftype", "clinic", "Phòng khám tư", "Private clinic"),
        ("ftype", "pharmacy", "Nhà thuốc", "Pharmacy"),
        ("hours", "24/7", "Cả ngày, mọi ngày", "24/7"),
        ("hours", "office", "Giờ hành chính", "Office hours"),
        ("hours", "-99", "Không rõ", "Unknown"),
        ("svc", "opd", "Khám ngoại trú", "Outpatient"),
        ("svc", "immun", "Tiêm chủng", "Immunisation"),
        ("svc", "anc", "Khám thai", "Antenatal care"),
        ("svc", "delivery", "Đỡ đẻ", "Delivery"),
        ("svc", "lab", "Xét nghiệm", "Laboratory"),
        ("svc", "tb", "Điều trị lao", "TB treatment"),
    ]
    write("co_so_y_te", "Đánh giá cơ sở y tế", survey, choices)


def village() -> None:
    survey = [
        q("select_one province", "province", "Tỉnh", "Province", required="yes"),
        q(
            "select_one district",
            "district",
            "Huyện",
            "District",
            required="yes",
            choice_filter="province=${province}",
        ),
        q(
            "select_one commune",
            "commune",
            "Xã",
            "Commune",
            required="yes",
            choice_filter="district=${district}",
        ),
        q("text", "village_name", "Tên thôn, ấp", "Village name", required="yes"),
        q("text", "village_head", "Trưởng thôn", "Village head"),
        q(
            "text",
            "head_phone",
            "Điện thoại trưởng thôn",
            "Head's phone",
            constraint="regex(., '^0[0-9]{9}$')",
        ),
        q("integer", "households", "Số hộ", "Households", required="yes", constraint=". > 0"),
        q(
            "integer",
            "population",
            "Số dân",
            "Population",
            required="yes",
            constraint=". >= ${households}",
            message="Không ít hơn số hộ",
        ),
        q("select_multiple ethnic", "ethnic_groups", "Dân tộc sinh sống", "Ethnic groups"),
        q("select_one yn", "has_road", "Có đường ô tô đến thôn?", "Road access?"),
        q("select_one yn", "has_4g", "Có sóng 4G?", "4G coverage?"),
        q("geopoint", "centre", "Vị trí nhà văn hóa thôn", "Community house location"),
        q("date", "registered_on", "Ngày đăng ký", "Registration date", default="today()"),
    ]
    choices = yes_no() + [
        ("province", "86", "Vĩnh Long", "Vinh Long"),
        ("province", "89", "An Giang", "An Giang"),
        ("district", "855", "Thành phố Vĩnh Long", "Vinh Long city", "86"),
        ("district", "857", "Long Hồ", "Long Ho", "86"),
        ("district", "883", "Long Xuyên", "Long Xuyen", "89"),
        ("district", "886", "Tân Châu", "Tan Chau", "89"),
        ("commune", "29242", "Phường 1", "Ward 1", "", "855"),
        ("commune", "29263", "Xã Long Phước", "Long Phuoc", "", "857"),
        ("commune", "30307", "Phường Mỹ Bình", "My Binh", "", "883"),
        ("commune", "30337", "Phường Long Thạnh", "Long Thanh", "", "886"),
        ("ethnic", "kinh", "Kinh", "Kinh"),
        ("ethnic", "khmer", "Khmer", "Khmer"),
        ("ethnic", "hoa", "Hoa", "Hoa"),
        ("ethnic", "cham", "Chăm", "Cham"),
    ]
    write("dang_ky_thon", "Đăng ký thôn, ấp", survey, choices)
    # the filter columns are named after the parents
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    path = HERE / "dang_ky_thon.xlsx"
    book = load_workbook(path)
    book["choices"]["E1"] = "province"
    book["choices"]["F1"] = "district"
    book.save(path)


def land_parcel() -> None:
    survey = [
        q("start", "start"),
        q("username", "username"),
        q(
            "text",
            "parcel_id",
            "Số hiệu thửa đất",
            "Parcel number",
            required="yes",
            constraint="regex(., '^[0-9]{1,4}-[0-9]{1,5}$')",
            message="Dạng tờ-thửa, ví dụ 12-345",
        ),
        q("text", "owner_name", "Họ tên chủ sử dụng", "Land user", required="yes"),
        q("text", "owner_id", "Số CCCD", "Citizen ID", constraint="string-length(.) = 12"),
        q("select_one landuse", "land_use", "Mục đích sử dụng", "Land use", required="yes"),
        q("decimal", "area_m2", "Diện tích (m²)", "Area (m²)", required="yes", constraint=". > 0"),
        q(
            "select_one yn",
            "has_certificate",
            "Đã có giấy chứng nhận?",
            "Certificate issued?",
            required="yes",
        ),
        q(
            "text",
            "certificate_no",
            "Số giấy chứng nhận",
            "Certificate number",
            relevant="${has_certificate} = 'yes'",
            required="yes",
        ),
        q(
            "date",
            "certificate_date",
            "Ngày cấp",
            "Issued on",
            relevant="${has_certificate} = 'yes'",
        ),
        q("select_one dispute", "dispute", "Tình trạng tranh chấp", "Dispute status"),
        q("geoshape", "boundary", "Ranh giới thửa", "Parcel boundary"),
        q(
            "image",
            "doc_photo",
            "Ảnh giấy tờ",
            "Document photo",
            relevant="${has_certificate} = 'yes'",
        ),
        q("text", "remarks", "Ghi chú", "Remarks"),
    ]
    choices = yes_no() + [
        ("landuse", "ONT", "Đất ở nông thôn", "Rural residential"),
        ("landuse", "LUC", "Đất chuyên trồng lúa", "Paddy"),
        ("landuse", "CLN", "Đất trồng cây lâu năm", "Perennial crops"),
        ("landuse", "NTS", "Đất nuôi trồng thủy sản", "Aquaculture"),
        ("dispute", "none", "Không tranh chấp", "None"),
        ("dispute", "ongoing", "Đang tranh chấp", "Ongoing"),
        ("dispute", "settled", "Đã giải quyết", "Settled"),
    ]
    write("thua_dat", "Kê khai thửa đất", survey, choices)


def training() -> None:
    survey = [
        q("select_one course", "course", "Khóa tập huấn", "Course", required="yes"),
        q("date", "session_date", "Ngày học", "Date", required="yes"),
        q("text", "fullName", "Họ và tên", "Full name", required="yes"),
        q("select_one sex", "gender", "Giới tính", "Gender", required="yes"),
        q("integer", "age", "Tuổi", "Age", constraint=". >= 15 and . <= 80"),
        q("text", "organisation", "Đơn vị công tác", "Organisation"),
        q("select_one role or_other", "role", "Vai trò", "Role"),
        q("text", "phone", "Số điện thoại", "Phone", constraint="regex(., '^0[0-9]{9}$')"),
        q(
            "integer",
            "pre_score",
            "Điểm kiểm tra đầu vào",
            "Pre-test score",
            constraint=". >= 0 and . <= 10",
        ),
        q(
            "integer",
            "post_score",
            "Điểm kiểm tra cuối khóa",
            "Post-test score",
            constraint=". >= 0 and . <= 10",
        ),
        q(
            "range",
            "satisfaction",
            "Mức độ hài lòng",
            "Satisfaction",
            parameters="start=1 end=5 step=1",
            appearance="rating",
        ),
        q("select_multiple topics", "useful_topics", "Nội dung hữu ích", "Useful topics"),
        q("text", "suggestions", "Góp ý", "Suggestions", appearance="multiline"),
        q("select_one yn", "consent_photo", "Đồng ý chụp ảnh?", "Photo consent?"),
    ]
    choices = yes_no() + [
        ("course", "dx_basic", "Kỹ năng số cơ bản", "Basic digital skills"),
        ("course", "vneid", "Sử dụng VNeID", "Using VNeID"),
        ("course", "cashless", "Thanh toán không tiền mặt", "Cashless payments"),
        ("sex", "m", "Nam", "Male"),
        ("sex", "f", "Nữ", "Female"),
        ("sex", "x", "Khác", "Other"),
        ("role", "team", "Thành viên tổ CNSCĐ", "Tech team member"),
        ("role", "official", "Cán bộ xã", "Commune official"),
        ("role", "citizen", "Người dân", "Citizen"),
        ("topics", "public_services", "Dịch vụ công trực tuyến", "Online public services"),
        ("topics", "security", "An toàn thông tin", "Online safety"),
        ("topics", "payments", "Thanh toán điện tử", "E-payments"),
        ("topics", "ecommerce", "Thương mại điện tử", "E-commerce"),
    ]
    write("diem_danh_tap_huan", "Điểm danh và đánh giá tập huấn", survey, choices)


def water_points() -> None:
    survey = [
        q("start", "start"),
        q("end", "end"),
        q("select_one wtype", "wp_type", "Loại điểm nước", "Water point type", required="yes"),
        q("text", "wp_code", "Mã điểm nước", "Water point code", required="yes"),
        q("geopoint", "wp_location", "Vị trí", "Location", required="yes"),
        q("image", "wp_photo", "Ảnh", "Photo"),
        q("select_one yn", "functional", "Đang hoạt động?", "Functional?", required="yes"),
        q(
            "select_multiple problems",
            "problems",
            "Hư hỏng",
            "Problems",
            relevant="${functional} = 'no'",
        ),
        q("date", "last_repair", "Lần sửa gần nhất", "Last repair"),
        q("time", "visit_time", "Giờ kiểm tra", "Time of visit"),
        q("integer", "users_hh", "Số hộ sử dụng", "Households served", constraint=". >= 0"),
        q("decimal", "ph", "Độ pH", "pH", constraint=". >= 0 and . <= 14"),
        q("select_one quality", "water_quality", "Chất lượng nước (cảm quan)", "Water quality"),
        q("note", "done", "Kết thúc", "End"),
    ]
    choices = yes_no() + [
        ("wtype", "tap", "Vòi công cộng", "Public tap"),
        ("wtype", "borehole", "Giếng khoan", "Borehole"),
        ("wtype", "dug_well", "Giếng đào", "Dug well"),
        ("wtype", "tank", "Bể chứa nước mưa", "Rain tank"),
        ("problems", "pump", "Hỏng bơm", "Broken pump"),
        ("problems", "pipe", "Vỡ ống", "Broken pipe"),
        ("problems", "dry", "Cạn nước", "Dry"),
        ("quality", "clear", "Trong", "Clear"),
        ("quality", "turbid", "Đục", "Turbid"),
        ("quality", "smell", "Có mùi", "Smell"),
    ]
    write("diem_nuoc_sach", "Khảo sát điểm cấp nước sạch", survey, choices)


def immunisation() -> None:
    survey = [
        q("text", "child_name", "Họ tên trẻ", "Child", required="yes"),
        q("date", "dob", "Ngày sinh", "Date of birth", required="yes"),
        q("text", "mother_name", "Họ tên mẹ", "Mother"),
        q("text", "mother_phone", "Điện thoại của mẹ", "Mother's phone"),
        q(
            "select_multiple vaccines",
            "doses_given",
            "Các mũi đã tiêm",
            "Doses given",
            required="yes",
        ),
        q("select_one yn", "card_seen", "Đã xem sổ tiêm chủng?", "Card seen?", required="yes"),
        q(
            "image",
            "card_photo",
            "Ảnh sổ tiêm chủng",
            "Card photo",
            relevant="${card_seen} = 'yes'",
        ),
        q(
            "select_one reason",
            "missed_reason",
            "Lý do chưa tiêm đủ",
            "Reason for missed doses",
            relevant="count-selected(${doses_given}) < 6",
        ),
        q("date", "next_visit", "Hẹn tiêm lần tới", "Next appointment", constraint=". >= today()"),
        q("acknowledge", "confirm", "Tôi xác nhận thông tin trên là đúng", "I confirm the above"),
    ]
    choices = yes_no() + [
        ("vaccines", "bcg", "Lao (BCG)", "BCG"),
        ("vaccines", "hepb0", "Viêm gan B sơ sinh", "Hep B birth"),
        ("vaccines", "penta1", "5 trong 1 mũi 1", "Penta 1"),
        ("vaccines", "penta2", "5 trong 1 mũi 2", "Penta 2"),
        ("vaccines", "penta3", "5 trong 1 mũi 3", "Penta 3"),
        ("vaccines", "measles", "Sởi", "Measles"),
        ("reason", "sick", "Trẻ ốm", "Child sick"),
        ("reason", "far", "Xa điểm tiêm", "Too far"),
        ("reason", "unaware", "Không biết lịch", "Unaware"),
        ("reason", "-99", "Không trả lời", "No answer"),
    ]
    write("theo_doi_tiem_chung", "Theo dõi tiêm chủng mở rộng", survey, choices)


def buildings() -> None:
    survey = [
        q("start", "start"),
        q("end", "end"),
        q("deviceid", "deviceid"),
        q("begin group", "building", "Công trình", "Building", appearance="field-list"),
        q("select_one btype", "building_type", "Loại công trình", "Building type", required="yes"),
        q(
            "integer",
            "floors",
            "Số tầng",
            "Floors",
            required="yes",
            constraint=". >= 1 and . <= 60",
        ),
        q("select_one material", "wall_material", "Vật liệu tường", "Wall material"),
        q("select_one material", "roof_material", "Vật liệu mái", "Roof material"),
        q(
            "integer",
            "year_built",
            "Năm xây dựng",
            "Year built",
            constraint=". >= 1900 and . <= 2025",
        ),
        q("geopoint", "location", "Vị trí", "Location", required="yes"),
        q("image", "photo", "Ảnh công trình", "Photo", required="yes"),
        end("group"),
        q("begin group", "use", "Sử dụng", "Use", relevant="${building_type} != 'ruin'"),
        q("integer", "occupants", "Số người sử dụng", "Occupants"),
        q("select_one yn", "flood_2024", "Bị ngập năm 2024?", "Flooded in 2024?"),
        q(
            "decimal",
            "flood_depth_m",
            "Độ sâu ngập (m)",
            "Flood depth (m)",
            relevant="${flood_2024} = 'yes'",
            constraint=". > 0 and . < 5",
        ),
        q("barcode", "address_qr", "Mã QR địa chỉ số", "Digital address QR"),
        end("group"),
    ]
    choices = yes_no() + [
        ("btype", "house", "Nhà ở", "House"),
        ("btype", "school", "Trường học", "School"),
        ("btype", "office", "Trụ sở", "Office"),
        ("btype", "market", "Chợ", "Market"),
        ("btype", "ruin", "Nhà bỏ hoang", "Abandoned"),
        ("material", "concrete", "Bê tông", "Concrete"),
        ("material", "brick", "Gạch", "Brick"),
        ("material", "wood", "Gỗ", "Wood"),
        ("material", "metal", "Tôn", "Metal sheet"),
        ("material", "leaf", "Lá", "Leaves"),
    ]
    write("ban_do_cong_trinh", "Lập bản đồ công trình", survey, choices)


def farm() -> None:
    survey = [
        q("text", "farmerName", "Họ tên nông hộ", "Farmer", required="yes"),
        q("select_one yn", "isCoopMember", "Là thành viên hợp tác xã?", "Cooperative member?"),
        q(
            "decimal",
            "farm_area_ha",
            "Tổng diện tích canh tác (ha)",
            "Farm area (ha)",
            constraint=". > 0 and . < 100",
        ),
        q(
            "integer",
            "n_crops",
            "Số loại cây trồng chính",
            "Number of main crops",
            constraint=". >= 0 and . <= 10",
        ),
        q("begin repeat", "crop", "Cây trồng", "Crop", repeat_count="${n_crops}"),
        q("select_one crops", "crop_name", "Loại cây", "Crop"),
        q("decimal", "crop_area", "Diện tích (ha)", "Area (ha)"),
        q("decimal", "crop_yield", "Sản lượng (tấn)", "Yield (t)"),
        q("begin repeat", "crop_sale", "Lần bán", "Sale"),
        q("date", "sale_date", "Ngày bán", "Date"),
        q("decimal", "sale_price", "Giá bán (nghìn đồng/kg)", "Price"),
        end("repeat"),
        end("repeat"),
        q("calculate", "total_crop_area", calculation="sum(${crop_area})"),
        q("integer", "cattle", "Số trâu bò", "Cattle", constraint=". >= 0"),
        q("integer", "pigs", "Số lợn", "Pigs", constraint=". >= 0"),
        q("integer", "poultry", "Số gia cầm", "Poultry", constraint=". >= 0"),
        q("select_multiple practices", "practices", "Áp dụng kỹ thuật", "Practices"),
        q("select_one yn", "uses_app", "Dùng ứng dụng nông nghiệp số?", "Uses a farming app?"),
        q("text", "app_name", "Tên ứng dụng", "App name", relevant="${uses_app} = 'yes'"),
    ]
    choices = yes_no() + [
        ("crops", "rice", "Lúa", "Rice"),
        ("crops", "mango", "Xoài", "Mango"),
        ("crops", "coconut", "Dừa", "Coconut"),
        ("crops", "pomelo", "Bưởi", "Pomelo"),
        ("crops", "vegetables", "Rau màu", "Vegetables"),
        ("practices", "vietgap", "VietGAP", "VietGAP"),
        ("practices", "organic", "Hữu cơ", "Organic"),
        ("practices", "drip", "Tưới nhỏ giọt", "Drip irrigation"),
    ]
    write("nong_ho", "Điều tra nông hộ", survey, choices)


def digital_household() -> None:
    survey = [
        q("today", "today"),
        q("text", "respondent", "Người trả lời", "Respondent", required="yes"),
        q("integer", "age", "Tuổi", "Age", required="yes", constraint=". >= 16 and . <= 100"),
        q(
            "select_one yn",
            "has_smartphone",
            "Có điện thoại thông minh?",
            "Smartphone?",
            required="yes",
        ),
        q(
            "select_one yn",
            "has_vneid",
            "Đã kích hoạt VNeID mức 2?",
            "VNeID level 2 activated?",
            required="yes",
        ),
        q(
            "select_multiple pay or_other",
            "payments",
            "Hình thức thanh toán thường dùng",
            "Usual payments",
            relevant="${has_smartphone} = 'yes'",
        ),
        q(
            "select_one freq",
            "online_services",
            "Dùng dịch vụ công trực tuyến",
            "Online public services",
            relevant="${has_vneid} = 'yes'",
        ),
        q("select_multiple barrier", "barriers", "Khó khăn khi dùng dịch vụ số", "Barriers"),
        q("select_one yn", "wants_training", "Muốn được hướng dẫn thêm?", "Wants training?"),
        q(
            "text",
            "contact_phone",
            "Số điện thoại liên hệ",
            "Contact phone",
            relevant="${wants_training} = 'yes'",
            required="${wants_training} = 'yes'",
        ),
        q(
            "range",
            "confidence",
            "Mức tự tin khi dùng dịch vụ số",
            "Confidence",
            parameters="start=0 end=10 step=1",
        ),
        q("text", "comment", "Ý kiến khác", "Other comments"),
    ]
    choices = yes_no() + [
        ("pay", "cash", "Tiền mặt", "Cash"),
        ("pay", "bank_app", "Ứng dụng ngân hàng", "Banking app"),
        ("pay", "qr", "Quét mã QR", "QR code"),
        ("pay", "ewallet", "Ví điện tử", "E-wallet"),
        ("freq", "never", "Chưa bao giờ", "Never"),
        ("freq", "sometimes", "Thỉnh thoảng", "Sometimes"),
        ("freq", "often", "Thường xuyên", "Often"),
        ("barrier", "skills", "Thiếu kỹ năng", "Skills"),
        ("barrier", "device", "Không có thiết bị", "No device"),
        ("barrier", "network", "Sóng yếu", "Weak signal"),
        ("barrier", "trust", "Lo mất an toàn", "Safety worries"),
        ("barrier", "-99", "Không biết", "Don't know"),
    ]
    write("chuyen_doi_so_ho", "Khảo sát chuyển đổi số hộ gia đình", survey, choices)


def khmer_livelihood() -> None:
    """A livelihood support survey of Khmer households in Cà Mau, in Vietnamese, English
    and Khmer: a recorded account and a scanned paper form (decision 0038)."""
    survey = [
        q("start", "start"),
        q("begin group", "hh", "Hộ gia đình", "Household", km="គ្រួសារ", appearance="field-list"),
        q(
            "text",
            "head_name",
            "Họ tên chủ hộ",
            "Head of household",
            km="ឈ្មោះមេគ្រួសារ",
            required="yes",
            required_km="សូមបំពេញឈ្មោះ",
        ),
        q("text", "hamlet", "Ấp", "Hamlet", km="ភូមិ", hint="Ví dụ: ấp Cây Trâm", hint_km="ឧ. ភូមិ"),
        q(
            "integer",
            "members",
            "Số nhân khẩu",
            "Household members",
            km="ចំនួនសមាជិក",
            required="yes",
            constraint=". > 0 and . <= 20",
            message="Từ 1 đến 20 người",
            message_km="ពី ១ ដល់ ២០ នាក់",
        ),
        q(
            "select_one yn",
            "speaks_vi",
            "Chủ hộ nói tiếng Việt?",
            "Speaks Vietnamese?",
            km="និយាយភាសាវៀតណាម?",
        ),
        end("group"),
        q(
            "begin group",
            "livelihood",
            "Sinh kế",
            "Livelihood",
            km="ជីវភាព",
            appearance="field-list",
        ),
        q(
            "select_multiple income",
            "income",
            "Nguồn thu nhập chính",
            "Main income",
            km="ប្រភពចំណូលសំខាន់",
            required="yes",
        ),
        q(
            "decimal",
            "shrimp_area",
            "Diện tích nuôi tôm (ha)",
            "Shrimp pond area (ha)",
            km="ផ្ទៃចិញ្ចឹមបង្គា (ហិកតា)",
            relevant="selected(${income}, 'shrimp')",
            constraint=". > 0 and . < 50",
        ),
        q("select_one need", "need", "Nhu cầu hỗ trợ", "Support needed", km="តម្រូវការជំនួយ"),
        q(
            "audio",
            "story",
            "Ghi âm lời kể của hộ",
            "Recorded account",
            km="កត់ត្រាសំឡេងរឿងរ៉ាវ",
            hint="Hộ kể bằng tiếng Khmer nếu muốn",
            hint_km="អាចនិយាយជាភាសាខ្មែរ",
        ),
        q(
            "file",
            "paper_form",
            "Bản quét phiếu giấy",
            "Scanned paper form",
            km="ឯកសារស្កេន",
            **{"body::accept": ".pdf,image/*"},
        ),
        q("image", "house_photo", "Ảnh nhà", "House photo", km="រូបថតផ្ទះ"),
        q("geopoint", "location", "Vị trí", "Location", km="ទីតាំង"),
        end("group"),
        q("note", "thanks", "Cảm ơn hộ đã tham gia", "Thank you", km="សូមអរគុណ"),
    ]
    choices = [
        ("yn", "yes", "Có", "Yes", "បាទ/ចាស"),
        ("yn", "no", "Không", "No", "ទេ"),
        ("income", "rice", "Trồng lúa", "Rice", "ស្រូវ"),
        ("income", "shrimp", "Nuôi tôm", "Shrimp", "បង្គា"),
        ("income", "wage", "Làm thuê", "Wage work", "កម្មករ"),
        ("income", "trade", "Buôn bán", "Trade", "លក់ដូរ"),
        ("need", "loan", "Vay vốn", "Loan", "ប្រាក់កម្ចី"),
        ("need", "training", "Đào tạo nghề", "Training", "វគ្គបណ្តុះបណ្តាល"),
        ("need", "seed", "Giống, con giống", "Seeds, stock", "ពូជ"),
    ]
    write("sinh_ke_ho_khmer", "Khảo sát sinh kế hộ Khmer", survey, choices, (KM,))


FORMS = [
    household, nutrition, health_facility, village, land_parcel, training,
    water_points, immunisation, buildings, farm, digital_household, khmer_livelihood,
]  # fmt: skip

if __name__ == "__main__":
    import sys

    wanted = set(sys.argv[1:])  # function names, to rewrite only those forms
    for build in FORMS:
        if not wanted or build.__name__ in wanted:
            build()
    print(f"{len(FORMS)} XLSForms written to {HERE}")
