"""The content of the demo recognition data: believable initiatives from Cà Mau communes,
where each stops in the workflow, the closed round's ballots, awards and replications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from recognition.models import AwardLevel, InitiativeCategory, InitiativeStatus, ReplicationStatus

C = InitiativeCategory
S = InitiativeStatus
CLOSED_ROUND = "Xét chọn sáng kiến, mô hình chuyển đổi số 6 tháng đầu năm 2025"
OPEN_ROUND = "Xét chọn sáng kiến, mô hình chuyển đổi số đợt 2"
# The chair and two members vote in both rounds; hoidong2..hoidong5 (and demo.accounts'
# hoidong) sit only on the open round and have scored nothing yet, so each can sign in
# and score every nomination on the committee screen.
COMMITTEE = (
    ("hoidong.chutich", "Võ Thanh Bình"),
    ("hoidong.b", "Lâm Thị Ngọc Hân"),
    ("hoidong.c", "Trịnh Văn Lộc"),
    ("hoidong2", "Nguyễn Thị Kim Oanh"),
    ("hoidong3", "Trương Văn Hải"),
    ("hoidong4", "Lý Thị Cẩm Tú"),
    ("hoidong5", "Dương Quốc Việt"),
)
# The closed round's committee: the first three and hoidong (CLOSED_BALLOTS has a column
# per seat, in this order).
CLOSED_COMMITTEE = 3


@dataclass(frozen=True)
class DemoInitiative:
    key: str
    title: str
    unit: str
    category: InitiativeCategory
    summary: str
    problem: str
    solution: str
    results: str
    submitter: str
    phone: str
    submitted: date


IDEAS = (
    DemoInitiative(
        "ho-ngheo",
        "Số hóa hồ sơ hộ nghèo ấp Tân Phong",
        "31843",
        C.DIGITAL_GOVERNMENT,
        "Toàn bộ hồ sơ hộ nghèo, cận nghèo của ấp được nhập vào bảng tính dùng chung với UBND xã.",
        "Hồ sơ giấy để ở nhà trưởng ấp, hay thất lạc; mỗi đợt rà soát mất hai tuần đối chiếu.",
        "Tổ công nghệ số cộng đồng nhập liệu trong ba buổi tối, cập nhật hằng tháng, phân quyền xem theo ấp.",
        "Đợt rà soát cuối năm còn ba ngày; 212 hồ sơ không thất lạc hồ sơ nào.",
        "Trần Văn Sang",
        "0913 201 001",
        date(2025, 3, 4),
    ),
    DemoInitiative(
        "cho-40",
        "Chợ 4.0 thanh toán không dùng tiền mặt tại chợ Phường An Xuyên",
        "32002",
        C.DIGITAL_ECONOMY,
        "Tiểu thương dán mã QR tại sạp, người mua quét mã để trả tiền qua ngân hàng hoặc ví điện tử.",
        "Tiền lẻ thiếu, tiền giả, và người trẻ không mang tiền mặt khi đi chợ.",
        "Đoàn phường phối hợp ngân hàng mở tài khoản, in mã QR, hướng dẫn từng sạp trong hai tuần.",
        "148 trên 160 sạp dùng mã QR; giao dịch không tiền mặt chiếm khoảng 40 phần trăm.",
        "Nguyễn Thị Mỹ Duyên",
        "0913 201 002",
        date(2025, 2, 17),
    ),
    DemoInitiative(
        "vneid-nguoi-cao-tuoi",
        "Tổ công nghệ số cộng đồng hướng dẫn người cao tuổi dùng VNeID",
        "32152",
        C.DIGITAL_SOCIETY,
        "Mỗi tối thứ Bảy, tổ công nghệ số đến nhà văn hóa ấp hướng dẫn người cao tuổi kích hoạt và dùng VNeID.",
        "Người cao tuổi không tự kích hoạt được định danh điện tử mức 2, phải nhờ con cháu ở xa.",
        "Chia nhóm ba người kèm một tình nguyện viên, in sổ tay chữ to, hỗ trợ qua điện thoại sau buổi học.",
        "Hơn 600 người trên 60 tuổi đã kích hoạt VNeID; 210 người tự nộp hồ sơ trực tuyến.",
        "Lê Hoàng Phúc",
        "0913 201 003",
        date(2025, 3, 22),
    ),
    DemoInitiative(
        "zalo-phan-anh",
        "Zalo OA tiếp nhận phản ánh của người dân Xã Thới Bình",
        "32065",
        C.DIGITAL_GOVERNMENT,
        "Người dân gửi phản ánh kèm hình ảnh qua Zalo OA của xã, cán bộ trả lời trong 48 giờ.",
        "Phản ánh qua điện thoại không được ghi nhận, khó theo dõi việc xử lý.",
        "Lập Zalo OA, phân công cán bộ trực, tổng hợp phản ánh hằng tuần vào bảng theo dõi.",
        "Sáu tháng tiếp nhận 320 phản ánh, 91 phần trăm được trả lời đúng hạn.",
        "Phạm Thị Thu Trang",
        "0913 201 004",
        date(2025, 1, 20),
    ),
    DemoInitiative(
        "sat-lo",
        "Bản đồ số điểm sạt lở bờ biển Xã Đất Mũi",
        "32248",
        C.DIGITAL_GOVERNMENT,
        "Ghi tọa độ, hình ảnh các điểm sạt lở trên bản đồ số dùng chung cho xã và đồn biên phòng.",
        "Thông tin sạt lở rời rạc, báo cáo chậm khi triều cường.",
        "Dân quân chụp ảnh có tọa độ, cập nhật lên bản đồ dùng chung sau mỗi đợt triều cường.",
        "Đã ghi nhận 47 điểm; hai điểm nguy hiểm được di dời dân kịp thời.",
        "Đỗ Minh Khang",
        "0913 201 005",
        date(2025, 4, 2),
    ),
    DemoInitiative(
        "livestream-kho",
        "Livestream bán tôm khô, khô cá cho hộ sản xuất Xã Sông Đốc",
        "32098",
        C.DIGITAL_ECONOMY,
        "Hội Phụ nữ tổ chức livestream bán đặc sản khô của các hộ sản xuất nhỏ.",
        "Hộ sản xuất nhỏ bán qua thương lái với giá thấp.",
        "Tập huấn quay video, lập nhóm bán hàng chung, đóng gói có nhãn và mã QR.",
        "Ba tháng bán 2,1 tấn sản phẩm, giá cao hơn bán qua thương lái khoảng 15 phần trăm.",
        "Huỳnh Thị Bé Ba",
        "0913 201 006",
        date(2025, 8, 12),
    ),
    DemoInitiative(
        "mat-ong",
        "Mã QR truy xuất nguồn gốc mật ong rừng U Minh",
        "32047",
        C.DIGITAL_ECONOMY,
        "Mỗi chai mật ong mang mã QR cho biết hộ gác kèo, mùa khai thác và kết quả kiểm nghiệm.",
        "Mật ong giả làm mất uy tín mật ong rừng U Minh.",
        "Hợp tác xã nhập thông tin từng mẻ khai thác lên hệ thống truy xuất nguồn gốc của tỉnh.",
        "Giá bán tăng 20 phần trăm; hai siêu thị nhận phân phối.",
        "Trương Văn Út",
        "0913 201 007",
        date(2025, 8, 25),
    ),
    DemoInitiative(
        "so-tay-bdhvs",
        "Sổ tay điện tử Bình dân học vụ số cho đoàn viên Phường Bạc Liêu",
        "31825",
        C.DIGITAL_SOCIETY,
        "Sổ tay điện tử tóm tắt các kỹ năng số cơ bản, kèm video ngắn, để đoàn viên hướng dẫn người dân.",
        "Tài liệu tập huấn dài, đoàn viên khó dùng khi đi hướng dẫn tại nhà dân.",
        "Biên soạn 20 thẻ kỹ năng, mỗi thẻ một mã QR dẫn tới video dưới ba phút.",
        "120 đoàn viên dùng sổ tay; 1.500 lượt người dân được hướng dẫn.",
        "Lý Thanh Tuyền",
        "0913 201 008",
        date(2025, 9, 3),
    ),
    DemoInitiative(
        "camera-an-ninh",
        "Camera giám sát an ninh trật tự ấp văn hóa Xã Cái Nước",
        "32128",
        C.DIGITAL_SOCIETY,
        "Lắp camera tại các ngã ba, kết nối về công an xã và nhóm tự quản của ấp.",
        "Trộm cắp vặt về đêm, khó xác minh.",
        "Người dân góp kinh phí, công an xã quản lý, lưu hình 15 ngày.",
        "Trộm cắp giảm rõ rệt trong bốn tháng.",
        "Nguyễn Văn Tới",
        "0913 201 009",
        date(2025, 9, 10),
    ),
    DemoInitiative(
        "chu-ky-so",
        "Chữ ký số cho trưởng ấp xác nhận hồ sơ Xã Trần Văn Thời",
        "32095",
        C.DIGITAL_GOVERNMENT,
        "Trưởng ấp dùng chữ ký số để xác nhận đơn của người dân gửi lên xã qua mạng.",
        "Người dân phải đi lại nhiều lần để xin xác nhận của ấp.",
        "Cấp chữ ký số từ xa cho 18 trưởng ấp, hướng dẫn ký trên điện thoại.",
        "Đang thử nghiệm tại hai ấp.",
        "Châu Văn Hậu",
        "0913 201 010",
        date(2025, 9, 18),
    ),
    DemoInitiative(
        "gia-lua",
        "Nhóm Zalo thông tin giá lúa cho nông dân Xã Phước Long",
        "31867",
        C.DIGITAL_ECONOMY,
        "Cập nhật giá lúa các thương lái mỗi sáng trong nhóm Zalo của hợp tác xã.",
        "Nông dân bị ép giá vì thiếu thông tin.",
        "Cán bộ khuyến nông tổng hợp giá từ ba nguồn và đăng trước 7 giờ sáng.",
        "",
        "Đặng Văn Nhỏ",
        "0913 201 011",
        date(2025, 9, 25),
    ),
    DemoInitiative(
        "dat-lich-kham",
        "Đặt lịch khám bệnh trực tuyến tại trạm y tế Xã Khánh Bình",
        "32110",
        C.DIGITAL_SOCIETY,
        "Người dân đặt lịch khám qua biểu mẫu trực tuyến, nhận tin nhắn nhắc lịch.",
        "Người dân chờ lâu vào buổi sáng.",
        "Dùng biểu mẫu miễn phí, nhân viên trạm xác nhận lịch mỗi chiều.",
        "",
        "Mai Thị Hồng",
        "0913 201 012",
        date(2025, 10, 6),
    ),
    DemoInitiative(
        "bang-ron",
        "Treo băng rôn tuyên truyền chuyển đổi số Xã Năm Căn",
        "32191",
        C.OTHER,
        "Treo băng rôn khẩu hiệu chuyển đổi số ở các tuyến đường chính.",
        "Người dân chưa biết về chuyển đổi số.",
        "Treo 30 băng rôn trong tháng chuyển đổi số.",
        "",
        "Tô Văn Lành",
        "0913 201 013",
        date(2025, 10, 9),
    ),
)

# Where each idea stops in the workflow (the rest is done by the rounds below).
STAGES = {
    "camera-an-ninh": (S.SCREENING, S.ACCEPTED_FOR_REVIEW),
    "chu-ky-so": (S.SCREENING,),
    "gia-lua": (S.SCREENING, S.NEEDS_INFO),
    "bang-ron": (S.SCREENING, S.REJECTED),
}
PUBLIC_NOTES = {
    S.NEEDS_INFO: "Đề nghị bổ sung số hộ nông dân tham gia nhóm và giá bán trước, sau khi áp dụng.",
    S.REJECTED: "Đây là hoạt động tuyên truyền thường xuyên, chưa phải sáng kiến hay mô hình mới.",
    S.ACCEPTED_FOR_REVIEW: "Hồ sơ đủ điều kiện, sẽ được đưa ra hội đồng xét chọn.",
}
CLOSED_NOMINEES = ("ho-ngheo", "cho-40", "vneid-nguoi-cao-tuoi", "zalo-phan-anh", "sat-lo")
OPEN_NOMINEES = ("livestream-kho", "mat-ong", "so-tay-bdhvs")
# Scores (novelty, effectiveness, replicability, reach) by committee seat; None = no ballot.
CLOSED_BALLOTS: dict[str, tuple[tuple[int, int, int, int] | None, ...]] = {
    "ho-ngheo": ((9, 9, 10, 8), (8, 9, 9, 8), (9, 10, 9, 7), (8, 9, 10, 8)),
    "cho-40": ((8, 9, 9, 9), (9, 8, 8, 9), (8, 8, 9, 8), None),
    "vneid-nguoi-cao-tuoi": ((7, 9, 9, 8), (8, 8, 9, 7), (7, 8, 8, 8), (8, 9, 8, 7)),
    "zalo-phan-anh": ((6, 7, 8, 6), (5, 7, 7, 6), (6, 6, 7, 5), None),
    "sat-lo": ((9, 8, 7, 6), (8, 8, 6, 6), None, None),
}
AWARDS = (
    (
        "ho-ngheo",
        AwardLevel.FIRST_PRIZE,
        "Mô hình số hóa đơn giản, chi phí thấp, giúp rà soát hộ nghèo nhanh và minh bạch; dễ nhân rộng ở mọi ấp.",
    ),
    (
        "cho-40",
        AwardLevel.SECOND_PRIZE,
        "Đưa thanh toán không dùng tiền mặt vào chợ truyền thống, thay đổi thói quen của tiểu thương và người mua.",
    ),
    (
        "vneid-nguoi-cao-tuoi",
        AwardLevel.THIRD_PRIZE,
        "Cách làm kiên trì, gần dân của tổ công nghệ số cộng đồng, không để người cao tuổi bị bỏ lại.",
    ),
)
REPLICATIONS = (
    ("ho-ngheo", "31849", date(2025, 10, 1), ReplicationStatus.IN_PROGRESS),
    ("ho-ngheo", "31858", date(2025, 11, 3), ReplicationStatus.PLANNED),
    ("cho-40", "31825", date(2025, 10, 15), ReplicationStatus.ESTABLISHED),
    ("cho-40", "31942", date(2025, 11, 10), ReplicationStatus.IN_PROGRESS),
    ("vneid-nguoi-cao-tuoi", "32191", date(2025, 10, 20), ReplicationStatus.IN_PROGRESS),
)
