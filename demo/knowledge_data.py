"""Demo articles of the knowledge base: what a community tech team (Tổ công nghệ số cộng
đồng) needs at a household's door. Written from the published procedures (VNeID and
Decree 69/2024, the national public service portal dichvucong.gov.vn, the State Bank's
rules on transfers, Decree 13/2023 on personal data); no phone numbers or addresses
beyond the well-known official portals. Each article ends with an English summary.

Each row: slug, category, tags, kind, title, summary, body (Markdown), English summary.
"""

from __future__ import annotations

from typing import NamedTuple


class DemoArticle(NamedTuple):
    slug: str
    category: str
    tags: tuple[str, ...]
    kind: str
    title: str
    summary: str
    body: str
    english: str


ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        "vneid-muc-1-va-muc-2",
        "vneid",
        ("vneid", "định danh điện tử"),
        "ARTICLE",
        "Tài khoản định danh điện tử mức 1 và mức 2 khác nhau thế nào",
        "Mức 1 tự đăng ký trên ứng dụng VNeID; mức 2 đăng ký tại công an và có giá trị như xuất trình thẻ căn cước.",
        "## Mức độ 1\nCông dân tự đăng ký trên ứng dụng VNeID bằng số định danh cá nhân và số điện thoại chính chủ. "
        "Thông tin được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư. Tài khoản mức 1 dùng được một số tiện ích cơ bản.\n"
        "## Mức độ 2\nĐăng ký trực tiếp tại cơ quan công an, được thu nhận ảnh chân dung và vân tay. "
        "Tài khoản mức 2 có giá trị tương đương việc xuất trình thẻ căn cước, dùng để đăng nhập Cổng Dịch vụ công quốc gia, "
        "tích hợp giấy tờ như giấy phép lái xe, thẻ bảo hiểm y tế.\n"
        "Quy định hiện hành là Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử.",
        "Level 1 accounts are self-registered in the VNeID app; level 2 accounts are registered at the police "
        "with a photo and fingerprints and count as showing the ID card.",
    ),
    DemoArticle(
        "dang-ky-vneid-muc-2",
        "vneid",
        ("vneid", "mức 2", "công an xã"),
        "ARTICLE",
        "Đăng ký tài khoản định danh điện tử mức 2 tại công an",
        "Mang thẻ căn cước (hoặc căn cước công dân gắn chip) và điện thoại chính chủ đến công an cấp xã để đăng ký mức 2.",
        "## Chuẩn bị\nThẻ căn cước hoặc thẻ căn cước công dân gắn chip còn hạn. "
        "Điện thoại có số thuê bao đứng tên chính người đăng ký.\n"
        "## Các bước\nĐến công an cấp xã nơi cư trú hoặc nơi làm thủ tục cấp thẻ căn cước. "
        "Điền phiếu đề nghị cấp tài khoản định danh điện tử. "
        "Cán bộ thu nhận ảnh chân dung và vân tay, đối chiếu với Cơ sở dữ liệu quốc gia về dân cư.\n"
        "Khi hồ sơ được phê duyệt, công dân nhận tin nhắn thông báo và kích hoạt tài khoản trên ứng dụng VNeID. "
        "Việc đăng ký không mất phí.",
        "Take a chip ID card and a phone registered in your own name to the commune police; "
        "a photo and fingerprints are taken, then you activate the account in the VNeID app.",
    ),
    DemoArticle(
        "kich-hoat-vneid",
        "vneid",
        ("vneid", "kích hoạt"),
        "ARTICLE",
        "Kích hoạt tài khoản định danh điện tử trên ứng dụng VNeID",
        "Sau khi được duyệt, tải ứng dụng VNeID từ kho ứng dụng chính thức, nhập số định danh, số điện thoại và mã kích hoạt.",
        "## Tải ứng dụng\nChỉ tải VNeID từ App Store hoặc Google Play, nhà phát hành là Bộ Công an. "
        "Không cài ứng dụng từ đường link gửi qua tin nhắn hay mạng xã hội.\n"
        "## Kích hoạt\nMở ứng dụng, chọn kích hoạt tài khoản. Nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện thoại đã đăng ký. "
        "Nhập mã kích hoạt được gửi qua tin nhắn. Đặt mật khẩu và mã khóa (passcode) 6 số, rồi đăng nhập.\n"
        "## Lưu ý\nMã kích hoạt có thời hạn; nếu hết hạn, chọn gửi lại mã. Không đọc mã kích hoạt hay mật khẩu cho bất kỳ ai, kể cả người xưng là công an.",
        "Install VNeID only from the official app stores, enter your personal ID number, phone number and the "
        "activation code sent by SMS, then set a password and a 6-digit passcode.",
    ),
    DemoArticle(
        "quen-mat-khau-vneid",
        "vneid",
        ("vneid", "mật khẩu"),
        "FAQ",
        "Quên mật khẩu hoặc mã khóa VNeID thì làm sao?",
        "Dùng chức năng Quên mật khẩu trên màn hình đăng nhập VNeID; mã xác thực gửi về số điện thoại đã đăng ký.",
        "Trên màn hình đăng nhập ứng dụng VNeID, chọn Quên mật khẩu. "
        "Nhập số định danh cá nhân và số điện thoại đã đăng ký, nhập mã xác thực (OTP) nhận qua tin nhắn rồi đặt mật khẩu mới. "
        "Nếu đã đổi số điện thoại và không nhận được mã, cần đến công an cấp xã để cập nhật số điện thoại. "
        "Không nhờ người lạ đặt lại mật khẩu hộ.",
        "Use 'Forgot password' on the VNeID login screen; the code goes to your registered phone. "
        "If the number changed, update it at the commune police.",
    ),
    DemoArticle(
        "doi-so-dien-thoai-vneid",
        "vneid",
        ("vneid", "số điện thoại"),
        "FAQ",
        "Đổi số điện thoại hoặc đổi điện thoại mới khi dùng VNeID",
        "Đổi máy: đăng nhập lại trên máy mới và xác thực; đổi số điện thoại: đến công an để cập nhật.",
        "Khi đổi sang điện thoại mới, cài VNeID từ kho ứng dụng chính thức và đăng nhập bằng tài khoản cũ; "
        "ứng dụng yêu cầu xác thực bằng mã gửi về số điện thoại đã đăng ký. Mỗi tài khoản chỉ đăng nhập trên một thiết bị tại một thời điểm.\n"
        "Khi đổi số thuê bao, số mới phải đứng tên chính chủ; công dân đến công an cấp xã đề nghị cập nhật số điện thoại cho tài khoản định danh điện tử.",
        "New phone: log in again and confirm with the SMS code (one device at a time). "
        "New number: ask the commune police to update it; the SIM must be in your own name.",
    ),
    DemoArticle(
        "tich-hop-giay-to-vneid",
        "vneid",
        ("vneid", "giấy phép lái xe", "bảo hiểm y tế"),
        "ARTICLE",
        "Tích hợp giấy phép lái xe, thẻ bảo hiểm y tế vào VNeID",
        "Tài khoản mức 2 có thể tích hợp giấy phép lái xe, thẻ BHYT, đăng ký xe vào ví giấy tờ của VNeID để xuất trình khi cần.",
        "Đăng nhập VNeID bằng tài khoản mức 2, chọn mục Ví giấy tờ, chọn loại giấy tờ cần tích hợp và gửi yêu cầu. "
        "Thông tin được đối chiếu với cơ sở dữ liệu của cơ quan quản lý; khi được xác thực, giấy tờ hiện trong ví. "
        "Giấy tờ đã tích hợp có thể xuất trình khi đi khám chữa bệnh bảo hiểm y tế hoặc khi lực lượng chức năng kiểm tra.",
        "With a level 2 account, add your driving licence, health insurance card or vehicle registration "
        "to the VNeID document wallet and show it when asked.",
    ),
    DemoArticle(
        "thong-bao-luu-tru-vneid",
        "vneid",
        ("vneid", "lưu trú", "tạm trú"),
        "ARTICLE",
        "Thông báo lưu trú và đăng ký tạm trú trực tuyến",
        "Thông báo lưu trú làm được trên ứng dụng VNeID; đăng ký tạm trú, thường trú nộp trực tuyến qua Cổng Dịch vụ công.",
        "## Thông báo lưu trú\nKhi có người đến ở lại qua đêm, chủ nhà thông báo lưu trú trên VNeID: chọn Thủ tục hành chính, "
        "Thông báo lưu trú, điền thông tin người lưu trú và gửi.\n"
        "## Tạm trú, thường trú\nĐăng ký tạm trú, thường trú, tách hộ là thủ tục cư trú, nộp trực tuyến qua Cổng Dịch vụ công quốc gia "
        "hoặc ứng dụng VNeID, đăng nhập bằng tài khoản định danh điện tử. Kết quả được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "Hosts notify overnight stays in the VNeID app; temporary and permanent residence registration is filed "
        "online through the national public service portal or VNeID.",
    ),
    DemoArticle(
        "cong-dich-vu-cong-quoc-gia",
        "dich-vu-cong",
        ("dịch vụ công", "dichvucong.gov.vn"),
        "ARTICLE",
        "Cổng Dịch vụ công quốc gia là gì và đăng nhập thế nào",
        "dichvucong.gov.vn là điểm tập trung để nộp hồ sơ, thanh toán phí và tra cứu kết quả thủ tục hành chính; đăng nhập bằng tài khoản VNeID.",
        "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) kết nối với hệ thống giải quyết thủ tục hành chính của các bộ, ngành và địa phương. "
        "Người dân đăng nhập bằng tài khoản định danh điện tử (VNeID), không cần tạo tài khoản riêng.\n"
        "Trên Cổng có thể tìm thủ tục, nộp hồ sơ trực tuyến, thanh toán phí, lệ phí, theo dõi tình trạng hồ sơ, "
        "nhận kết quả điện tử và đánh giá mức độ hài lòng. Chỉ truy cập đúng địa chỉ dichvucong.gov.vn, cẩn thận với trang giả mạo.",
        "dichvucong.gov.vn is the single portal to file applications, pay fees and follow results; citizens log in "
        "with their VNeID account.",
    ),
    DemoArticle(
        "nop-ho-so-truc-tuyen",
        "dich-vu-cong",
        ("dịch vụ công", "nộp hồ sơ"),
        "ARTICLE",
        "Các bước nộp hồ sơ dịch vụ công trực tuyến",
        "Tìm thủ tục, chọn cơ quan giải quyết, điền tờ khai, đính kèm giấy tờ, thanh toán và lưu mã hồ sơ để tra cứu.",
        "## Các bước\nĐăng nhập dichvucong.gov.vn bằng VNeID. Tìm tên thủ tục ở ô tìm kiếm, chọn tỉnh và cơ quan giải quyết. "
        "Điền tờ khai điện tử; nhiều thông tin được tự điền từ Cơ sở dữ liệu quốc gia về dân cư.\n"
        "Đính kèm bản chụp hoặc bản điện tử giấy tờ theo yêu cầu, chọn hình thức nhận kết quả, rồi nộp. "
        "Nếu có phí, lệ phí thì thanh toán trực tuyến. Ghi lại mã hồ sơ để tra cứu tiến độ.\n"
        "## Lưu ý\nDịch vụ công trực tuyến toàn trình cho phép làm từ đầu đến cuối trên mạng; dịch vụ một phần vẫn cần nộp bản giấy hoặc nhận kết quả trực tiếp.",
        "Log in with VNeID, find the procedure, fill the e-form, attach documents, pay online and keep the "
        "dossier code to follow progress.",
    ),
    DemoArticle(
        "thanh-toan-le-phi-truc-tuyen",
        "dich-vu-cong",
        ("dịch vụ công", "thanh toán", "lệ phí"),
        "ARTICLE",
        "Thanh toán phí, lệ phí trực tuyến trên Cổng Dịch vụ công",
        "Sau khi nộp hồ sơ, chọn thanh toán trực tuyến qua ngân hàng hoặc ví điện tử được liên kết; biên lai điện tử lưu trong hồ sơ.",
        "Khi hồ sơ có phí, lệ phí, Cổng hiển thị số tiền cần nộp. Chọn Thanh toán trực tuyến, chọn ngân hàng hoặc ví điện tử, "
        "rồi xác nhận trên ứng dụng ngân hàng của mình. Có thể quét mã QR để thanh toán.\n"
        "Biên lai điện tử được lưu trong hồ sơ, không cần nộp lại. Kiểm tra đúng tên cơ quan nhận tiền và số tiền trước khi xác nhận. "
        "Cán bộ không bao giờ yêu cầu chuyển khoản vào tài khoản cá nhân.",
        "Pay fees online after filing: choose a bank or e-wallet, confirm in your banking app; the e-receipt stays "
        "with the dossier. Never pay into a personal account.",
    ),
    DemoArticle(
        "tra-cuu-ho-so",
        "dich-vu-cong",
        ("dịch vụ công", "tra cứu", "mã hồ sơ"),
        "FAQ",
        "Tra cứu tình trạng hồ sơ thủ tục hành chính",
        "Dùng mã hồ sơ trên giấy tiếp nhận hoặc trong mục Hồ sơ của tôi để xem hồ sơ đang ở bước nào.",
        "Mỗi hồ sơ có một mã hồ sơ ghi trên giấy tiếp nhận và hẹn trả kết quả hoặc trong tin nhắn, thư điện tử. "
        "Trên Cổng Dịch vụ công quốc gia hoặc hệ thống thủ tục hành chính của tỉnh, chọn Tra cứu hồ sơ và nhập mã hồ sơ. "
        "Nếu đăng nhập, mục Hồ sơ của tôi liệt kê mọi hồ sơ đã nộp, cả yêu cầu bổ sung giấy tờ nếu có.",
        "Look up a dossier with the code on the receipt, or see every dossier under 'My dossiers' after logging in.",
    ),
    DemoArticle(
        "he-thong-tthc-cap-tinh",
        "dich-vu-cong",
        ("thủ tục hành chính", "một cửa", "tỉnh"),
        "ARTICLE",
        "Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh",
        "Mỗi tỉnh có một hệ thống giải quyết thủ tục hành chính dùng chung, kết nối với Cổng Dịch vụ công quốc gia và bộ phận Một cửa.",
        "Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh tiếp nhận hồ sơ nộp trực tuyến và hồ sơ nộp tại bộ phận Một cửa, "
        "theo dõi việc xử lý và trả kết quả. Hồ sơ nộp trên Cổng Dịch vụ công quốc gia cho thủ tục của tỉnh được chuyển về hệ thống này.\n"
        "Bộ phận Tiếp nhận và Trả kết quả (Một cửa) ở cấp xã và Trung tâm Phục vụ hành chính công của tỉnh hướng dẫn người dân nộp hồ sơ. "
        "Người dân có thể tra cứu tiến độ và đánh giá sự hài lòng sau khi nhận kết quả.",
        "Each province runs one administrative-procedure system, connected to the national portal and the one-stop "
        "desks, to receive, process and return applications.",
    ),
    DemoArticle(
        "dich-vu-cong-toan-trinh",
        "dich-vu-cong",
        ("dịch vụ công", "toàn trình"),
        "FAQ",
        "Dịch vụ công trực tuyến toàn trình và một phần khác nhau thế nào?",
        "Toàn trình: làm hết trên mạng, kể cả nhận kết quả; một phần: còn một bước phải đến cơ quan.",
        "Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến toàn trình cho phép nộp hồ sơ, thanh toán và nhận kết quả hoàn toàn trên môi trường mạng. "
        "Dịch vụ công trực tuyến một phần là dịch vụ mà người dân vẫn phải nộp bản giấy, xuất trình bản chính hoặc nhận kết quả trực tiếp tại cơ quan. "
        "Trang thông tin của từng thủ tục trên Cổng cho biết thủ tục đó thuộc loại nào.",
        "A 'full' online service is done entirely online, results included; a 'partial' one still needs a visit "
        "(paper copy, original document, or collecting the result).",
    ),
    DemoArticle(
        "lien-thong-khai-sinh",
        "dich-vu-cong",
        ("khai sinh", "liên thông", "bảo hiểm y tế"),
        "ARTICLE",
        "Liên thông đăng ký khai sinh, thường trú và cấp thẻ BHYT cho trẻ dưới 6 tuổi",
        "Một hồ sơ trực tuyến làm cùng lúc khai sinh, đăng ký thường trú và thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi.",
        "Nhóm thủ tục liên thông này được cung cấp trên Cổng Dịch vụ công quốc gia và ứng dụng VNeID. "
        "Cha hoặc mẹ đăng nhập bằng tài khoản định danh điện tử, điền thông tin của trẻ và đính kèm giấy chứng sinh. "
        "Kết quả gồm giấy khai sinh, số định danh cá nhân của trẻ được đăng ký thường trú và thẻ bảo hiểm y tế; "
        "có thể nhận bản điện tử hoặc nhận qua bưu chính.",
        "One online dossier registers a newborn's birth, permanent residence and health insurance card (children "
        "under 6), via the national portal or VNeID.",
    ),
    DemoArticle(
        "doi-giay-phep-lai-xe-truc-tuyen",
        "dich-vu-cong",
        ("giấy phép lái xe", "dịch vụ công"),
        "ARTICLE",
        "Cấp đổi giấy phép lái xe trực tuyến",
        "Đổi giấy phép lái xe trên Cổng Dịch vụ công quốc gia: đăng nhập VNeID, khai báo, thanh toán lệ phí và nhận bằng qua bưu chính.",
        "Đăng nhập dichvucong.gov.vn bằng tài khoản định danh điện tử, tìm thủ tục cấp đổi giấy phép lái xe. "
        "Thông tin giấy phép cũ và giấy khám sức khỏe điện tử (nếu đã được cơ sở y tế liên thông) được tự động đối chiếu. "
        "Nộp lệ phí trực tuyến và chọn nhận giấy phép mới qua bưu chính. Giấy phép lái xe cũng có thể tích hợp vào VNeID.",
        "Renew a driving licence on the national portal with a VNeID login: data and the e-health check are "
        "matched automatically, fees paid online, the card sent by post.",
    ),
    DemoArticle(
        "thanh-toan-khong-dung-tien-mat",
        "thanh-toan-so",
        ("không dùng tiền mặt", "ngân hàng", "ví điện tử"),
        "ARTICLE",
        "Thanh toán không dùng tiền mặt cho người mới bắt đầu",
        "Mở tài khoản ngân hàng hoặc ví điện tử đứng tên mình, cài ứng dụng chính thức, bật xác thực và tập chuyển tiền số nhỏ.",
        "## Bắt đầu\nMở tài khoản thanh toán tại ngân hàng (có thể mở trực tuyến bằng xác thực sinh trắc học) hoặc ví điện tử được Ngân hàng Nhà nước cấp phép. "
        "Cài ứng dụng ngân hàng từ kho ứng dụng chính thức, đặt mật khẩu riêng, không dùng ngày sinh.\n"
        "## Sử dụng\nTập chuyển khoản số tiền nhỏ cho người thân, thanh toán tiền điện, nước, học phí, viện phí trên ứng dụng. "
        "Có thể thanh toán phí dịch vụ công và nhận lương hưu, trợ cấp qua tài khoản. "
        "Luôn kiểm tra tên người nhận trước khi xác nhận.",
        "Open a bank account or licensed e-wallet in your own name, install the official app, use a strong password, "
        "practise with small transfers and always check the recipient's name.",
    ),
    DemoArticle(
        "quet-ma-qr-an-toan",
        "thanh-toan-so",
        ("qr", "vietqr", "chuyển khoản"),
        "ARTICLE",
        "Quét mã QR thanh toán an toàn",
        "Trước khi xác nhận, xem tên người nhận và số tiền hiện trên ứng dụng ngân hàng; cảnh giác mã QR dán đè.",
        "Mã QR chuẩn VietQR cho phép chuyển khoản liên ngân hàng nhanh: mở ứng dụng ngân hàng, chọn quét QR, hướng camera vào mã. "
        "Ứng dụng hiển thị tên chủ tài khoản nhận: phải đúng tên cửa hàng hoặc người bán mới xác nhận.\n"
        "Kẻ gian có thể dán mã QR giả đè lên mã thật ở quầy hàng. Không quét mã QR lạ gửi qua tin nhắn để nhận quà hay hoàn tiền: "
        "quét mã chỉ để trả tiền, không bao giờ để nhận tiền. Người bán nên bật thông báo biến động số dư.",
        "Scan with your banking app and confirm only when the recipient name and amount are right; watch for fake "
        "stickers over real codes; a QR code is for paying, never for receiving money.",
    ),
    DemoArticle(
        "xac-thuc-sinh-trac-hoc-ngan-hang",
        "thanh-toan-so",
        ("sinh trắc học", "ngân hàng", "chuyển khoản"),
        "FAQ",
        "Vì sao chuyển khoản trên 10 triệu phải xác thực khuôn mặt?",
        "Từ 1/7/2024, chuyển tiền trực tuyến trên 10 triệu đồng mỗi lần hoặc tổng trên 20 triệu đồng mỗi ngày phải xác thực sinh trắc học.",
        "Theo quy định của Ngân hàng Nhà nước (Quyết định 2345/QĐ-NHNN), từ 1/7/2024 giao dịch chuyển tiền trực tuyến trên 10 triệu đồng một lần, "
        "hoặc khi tổng giao dịch trong ngày vượt 20 triệu đồng, phải xác thực bằng sinh trắc học khuôn mặt. "
        "Dữ liệu khuôn mặt được đối chiếu với thẻ căn cước gắn chip hoặc tài khoản định danh điện tử. "
        "Quy định này giúp chống kẻ gian dùng tài khoản bị đánh cắp. Không ai được nhờ người khác xác thực khuôn mặt hộ.",
        "Since 1 July 2024 online transfers above 10 million VND (or 20 million a day) need face verification "
        "against the chip ID card, against stolen-account fraud.",
    ),
    DemoArticle(
        "khong-chia-se-otp",
        "an-toan-so",
        ("otp", "mật khẩu", "lừa đảo"),
        "ARTICLE",
        "Không bao giờ chia sẻ mã OTP và mật khẩu",
        "Ngân hàng, công an, nhà mạng không bao giờ hỏi mã OTP; ai hỏi mã OTP đều là lừa đảo.",
        "Mã OTP (mã xác thực một lần) là chữ ký của bạn cho một giao dịch. Ai có OTP có thể chuyển tiền khỏi tài khoản của bạn. "
        "Ngân hàng, công an, nhà mạng và cán bộ không bao giờ hỏi mã OTP, mật khẩu hay mã khóa VNeID qua điện thoại hoặc tin nhắn.\n"
        "Đọc kỹ nội dung tin nhắn OTP trước khi nhập: nó ghi rõ giao dịch gì, số tiền bao nhiêu. "
        "Nếu lỡ cung cấp, gọi ngay tổng đài chính thức in trên thẻ ngân hàng để khóa tài khoản.",
        "An OTP signs a transaction: banks, police and carriers never ask for it; anyone who does is a scammer. "
        "If you gave one away, call your bank's official line at once.",
    ),
    DemoArticle(
        "lua-dao-gia-danh-cong-an",
        "an-toan-so",
        ("lừa đảo", "giả danh", "công an"),
        "ARTICLE",
        "Lừa đảo giả danh công an gọi điện hướng dẫn cập nhật VNeID",
        "Công an không gọi điện yêu cầu cài ứng dụng, bấm đường link hay cập nhật định danh mức 2 qua mạng.",
        "Kẻ gian gọi điện xưng là công an, nói cần cập nhật tài khoản định danh lên mức 2 hoặc 'đồng bộ căn cước', "
        "rồi gửi đường link cài một ứng dụng giả mạo VNeID. Ứng dụng này chiếm quyền điện thoại, đọc tin nhắn OTP và rút tiền trong tài khoản ngân hàng.\n"
        "Nhận biết: công an không làm việc qua điện thoại để cập nhật định danh, không gửi link cài ứng dụng, không yêu cầu chuyển tiền để 'xác minh'. "
        "Định danh mức 2 chỉ đăng ký trực tiếp tại cơ quan công an. Gặp cuộc gọi như vậy, cúp máy và báo công an xã.",
        "Scammers posing as police call about 'upgrading VNeID to level 2' and send a link to a fake app that steals "
        "OTPs. Police never do this by phone; hang up and tell the commune police.",
    ),
    DemoArticle(
        "cac-chieu-lua-dao-qua-mang",
        "an-toan-so",
        ("lừa đảo", "mạng xã hội", "việc nhẹ lương cao"),
        "ARTICLE",
        "Các chiêu lừa đảo qua mạng thường gặp",
        "Việc nhẹ lương cao, người thân cấp cứu, chuyển nhầm tiền, trúng thưởng, giả ngân hàng, video call giả mạo.",
        "## Các chiêu thường gặp\nTuyển cộng tác viên 'việc nhẹ lương cao', làm nhiệm vụ like, đặt đơn hàng rồi yêu cầu nạp tiền. "
        "Gọi báo người thân bị tai nạn, cấp cứu cần chuyển tiền gấp. Báo 'chuyển nhầm tiền' rồi đòi trả vào tài khoản khác.\n"
        "Tin nhắn trúng thưởng, nhận quà tri ân kèm đường link. Giả mạo tin nhắn ngân hàng báo tài khoản bị khóa. "
        "Gọi video giả hình ảnh, giọng nói người quen (deepfake) để vay tiền.\n"
        "## Cách phòng\nKhông bấm link lạ, không chuyển tiền khi chưa gọi lại số quen để kiểm tra. "
        "Tiền chuyển nhầm thì báo ngân hàng xử lý, không tự chuyển trả theo yêu cầu người lạ.",
        "Common online scams: easy-job tasks, fake emergencies, 'wrong transfer' refunds, prize links, fake bank "
        "SMS and deepfake video calls. Never click unknown links; call back a known number first.",
    ),
    DemoArticle(
        "nhan-biet-trang-web-gia-mao",
        "an-toan-so",
        ("lừa đảo", "website giả", "đường link"),
        "ARTICLE",
        "Nhận biết đường link và trang web giả mạo",
        "Xem kỹ tên miền, trang cơ quan nhà nước có đuôi .gov.vn; không đăng nhập ngân hàng qua link trong tin nhắn.",
        "Trang giả mạo thường có tên miền gần giống trang thật, thêm hoặc đổi vài chữ, dùng đuôi lạ. "
        "Trang của cơ quan nhà nước Việt Nam dùng tên miền .gov.vn, ví dụ dichvucong.gov.vn.\n"
        "Không nhập mật khẩu, OTP vào trang mở từ đường link trong tin nhắn, thư điện tử hay mạng xã hội; "
        "hãy tự gõ địa chỉ hoặc mở ứng dụng chính thức. Tin nhắn có tên thương hiệu vẫn có thể bị giả mạo bằng trạm phát sóng giả.",
        "Fake sites use look-alike domains; Vietnamese government sites end in .gov.vn. Never enter passwords or OTPs "
        "on a page opened from a message link; type the address yourself.",
    ),
    DemoArticle(
        "bi-lua-dao-phai-lam-gi",
        "an-toan-so",
        ("lừa đảo", "báo công an", "khóa tài khoản"),
        "FAQ",
        "Lỡ bị lừa chuyển tiền hoặc lộ OTP thì phải làm gì?",
        "Gọi ngay tổng đài ngân hàng để khóa tài khoản, đổi mật khẩu, giữ lại bằng chứng và trình báo công an nơi gần nhất.",
        "Gọi ngay tổng đài chính thức của ngân hàng (in trên thẻ hoặc trong ứng dụng) để khóa tài khoản, khóa thẻ và yêu cầu tra soát giao dịch. "
        "Đổi mật khẩu ngân hàng, thư điện tử, mạng xã hội; gỡ ứng dụng lạ vừa cài.\n"
        "Giữ lại tin nhắn, số điện thoại, ảnh chụp màn hình, thông tin tài khoản nhận tiền. "
        "Trình báo cơ quan công an nơi gần nhất; trường hợp khẩn cấp gọi 113. Cảnh giác với người hứa 'lấy lại tiền' đòi trả phí: đó là lừa đảo lần hai.",
        "Call your bank's official line to freeze the account, change passwords, keep the evidence and report to the "
        "nearest police (113 in an emergency). Anyone offering to recover money for a fee is a second scam.",
    ),
    DemoArticle(
        "ung-dung-gia-mao-apk",
        "an-toan-so",
        ("lừa đảo", "ứng dụng giả", "apk"),
        "ARTICLE",
        "Ứng dụng giả mạo và tệp cài đặt lạ trên điện thoại Android",
        "Chỉ cài ứng dụng từ Google Play hoặc App Store; tệp .apk gửi qua link có thể chiếm quyền điều khiển điện thoại.",
        "Kẻ gian gửi đường link tải tệp cài đặt (.apk) giả ứng dụng của cơ quan nhà nước, điện lực, thuế hay ngân hàng. "
        "Khi cài, ứng dụng xin quyền trợ năng (accessibility) và quyền đọc tin nhắn để điều khiển máy từ xa và lấy mã OTP.\n"
        "Không bật cài đặt ứng dụng từ nguồn không xác định. Nếu đã cài, tắt mạng, gỡ ứng dụng, báo ngân hàng và đổi mật khẩu từ một máy khác.",
        "Install apps only from Google Play or the App Store: .apk files sent by link can take over the phone through "
        "accessibility permissions and read OTPs.",
    ),
    DemoArticle(
        "mat-khau-manh-xac-thuc-hai-lop",
        "an-toan-so",
        ("mật khẩu", "xác thực hai lớp", "bảo mật"),
        "ARTICLE",
        "Mật khẩu mạnh và xác thực hai lớp",
        "Dùng mật khẩu dài, khác nhau cho từng tài khoản, và bật xác thực hai lớp cho thư điện tử, Zalo, Facebook.",
        "Mật khẩu mạnh dài ít nhất 12 ký tự, không chứa ngày sinh, số điện thoại hay tên. Mỗi tài khoản quan trọng dùng một mật khẩu riêng. "
        "Bật xác thực hai lớp (2FA) để khi lộ mật khẩu, kẻ gian vẫn không đăng nhập được. "
        "Cập nhật hệ điều hành và ứng dụng thường xuyên, đặt khóa màn hình cho điện thoại.",
        "Use long, unique passwords, turn on two-factor authentication, keep the phone updated and locked.",
    ),
    DemoArticle(
        "binh-dan-hoc-vu-so",
        "ky-nang-so",
        ("bình dân học vụ số", "kỹ năng số"),
        "ARTICLE",
        "Phong trào Bình dân học vụ số",
        "Phong trào phổ cập kiến thức và kỹ năng số cơ bản cho mọi người dân, phát động năm 2025.",
        "Bình dân học vụ số là phong trào toàn dân học tập kỹ năng số, được phát động năm 2025 theo chủ trương của Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số. "
        "Mục tiêu là mọi người dân biết dùng điện thoại thông minh, dịch vụ công trực tuyến, thanh toán số và tự bảo vệ trên không gian mạng.\n"
        "Người dân học qua các khóa học trực tuyến miễn phí trên nền tảng Bình dân học vụ số và qua các buổi hướng dẫn tại thôn, ấp, khu phố. "
        "Tổ công nghệ số cộng đồng là lực lượng nòng cốt hướng dẫn tại cơ sở.",
        "A 2025 nationwide movement to give every citizen basic digital skills (smartphones, online public services, "
        "digital payment, online safety) through free online courses and local sessions.",
    ),
    DemoArticle(
        "ky-nang-so-co-ban",
        "ky-nang-so",
        ("kỹ năng số", "điện thoại thông minh", "người cao tuổi"),
        "ARTICLE",
        "Hướng dẫn kỹ năng số cơ bản cho người cao tuổi",
        "Bắt đầu từ gọi video, nhắn tin, chụp ảnh; tăng cỡ chữ, lưu số người thân; luyện nhận biết tin nhắn lừa đảo.",
        "Hướng dẫn từng việc nhỏ và cho người học tự làm: mở khóa máy, gọi điện, gọi video với con cháu, nhắn tin, chụp và gửi ảnh. "
        "Tăng cỡ chữ và độ sáng màn hình, lưu sẵn số của người thân với tên dễ nhận.\n"
        "Sau đó hướng dẫn dùng VNeID, xem thông tin bảo hiểm y tế, nhận lương hưu qua tài khoản. "
        "Nhắc nhiều lần: không đọc OTP cho ai, không bấm link lạ, nghi ngờ thì hỏi con cháu hoặc tổ công nghệ số.",
        "Teach older people step by step: calls, video calls, messages, photos; larger text; saved family contacts; "
        "then VNeID and payments, repeating the OTP and link warnings.",
    ),
    DemoArticle(
        "to-cong-nghe-so-cong-dong",
        "to-cong-nghe-so",
        ("tổ công nghệ số cộng đồng", "nhiệm vụ"),
        "ARTICLE",
        "Nhiệm vụ của Tổ công nghệ số cộng đồng",
        "Tổ ở thôn, ấp, khu phố hướng dẫn người dân dùng nền tảng số, dịch vụ công trực tuyến, thanh toán số và an toàn trên mạng.",
        "Tổ công nghệ số cộng đồng được thành lập ở thôn, ấp, tổ dân phố, gồm cán bộ cơ sở, đoàn viên thanh niên, công an, "
        "nhân viên bưu điện, nhà mạng và người dân có kỹ năng số.\n"
        "Nhiệm vụ chính: tuyên truyền về chuyển đổi số; hướng dẫn người dân cài đặt và sử dụng ứng dụng như VNeID, dịch vụ công trực tuyến, "
        "thanh toán không dùng tiền mặt, thương mại điện tử; hướng dẫn kỹ năng an toàn trên không gian mạng; "
        "nắm bắt khó khăn của người dân và báo cáo lên cấp xã.\n"
        "Thành viên làm việc tại nhà dân, không thu tiền, không giữ mật khẩu hay giấy tờ của người dân.",
        "Village-level teams of local officials, youth, police, post and telecom staff who guide citizens in VNeID, "
        "online services, cashless payment, e-commerce and online safety, free of charge, never keeping passwords.",
    ),
    DemoArticle(
        "quy-tac-khi-ho-tro-nguoi-dan",
        "to-cong-nghe-so",
        ("tổ công nghệ số cộng đồng", "dữ liệu cá nhân", "quy tắc"),
        "ARTICLE",
        "Quy tắc khi hỗ trợ người dân tại nhà",
        "Để người dân tự thao tác, không hỏi và không ghi lại mật khẩu, OTP; không chụp giấy tờ bằng máy của mình.",
        "Giới thiệu tên và đơn vị, giải thích việc sắp làm. Để người dân tự cầm máy và tự nhập mật khẩu, mã OTP, mã khóa; "
        "thành viên tổ chỉ hướng dẫn, không hỏi và không ghi lại các mã này.\n"
        "Không chụp ảnh thẻ căn cước hay giấy tờ bằng điện thoại cá nhân, không lưu số định danh vào sổ tay riêng. "
        "Thông tin thu thập cho báo cáo chỉ gồm những gì biểu mẫu yêu cầu. Xong việc, đăng xuất mọi tài khoản trên máy dùng chung.",
        "Let people operate their own phone; never ask for or note passwords and OTPs, never photograph ID cards on a "
        "personal phone, collect only what the form needs, log out of shared devices.",
    ),
    DemoArticle(
        "nghi-dinh-13-bao-ve-du-lieu-ca-nhan",
        "du-lieu-ca-nhan",
        ("nghị định 13", "dữ liệu cá nhân"),
        "ARTICLE",
        "Những điều cơ bản về bảo vệ dữ liệu cá nhân theo Nghị định 13/2023",
        "Nghị định 13/2023/NĐ-CP (hiệu lực 1/7/2023) quy định dữ liệu cá nhân cơ bản, nhạy cảm, quyền của chủ thể dữ liệu và sự đồng ý.",
        "## Dữ liệu cá nhân\nDữ liệu cá nhân cơ bản gồm họ tên, ngày sinh, số điện thoại, số định danh, địa chỉ. "
        "Dữ liệu nhạy cảm gồm tình trạng sức khỏe, sinh trắc học, tài chính, vị trí, tôn giáo, đời sống riêng tư và phải được bảo vệ chặt hơn.\n"
        "## Sự đồng ý\nViệc xử lý dữ liệu phải có sự đồng ý tự nguyện, rõ ràng của chủ thể dữ liệu, được thông báo mục đích. "
        "Im lặng hoặc không phản hồi không được coi là đồng ý. Chủ thể có thể rút lại sự đồng ý.\n"
        "## Quyền của chủ thể dữ liệu\nQuyền được biết, đồng ý, truy cập, rút lại sự đồng ý, xóa dữ liệu, hạn chế xử lý, phản đối, khiếu nại và yêu cầu bồi thường. "
        "Từ 1/1/2026, Luật Bảo vệ dữ liệu cá nhân có hiệu lực và kế thừa các nguyên tắc này.",
        "Decree 13/2023 (in force 1 July 2023) defines basic and sensitive personal data, requires clear voluntary "
        "consent (silence is not consent) and gives data subjects rights to know, access, withdraw, delete and object.",
    ),
    DemoArticle(
        "thu-thap-du-lieu-khi-khao-sat",
        "du-lieu-ca-nhan",
        ("dữ liệu cá nhân", "khảo sát", "đồng ý"),
        "FAQ",
        "Khi khảo sát hộ gia đình có được ghi số căn cước, số điện thoại không?",
        "Chỉ thu thập thông tin mà biểu mẫu thật sự cần, nói rõ mục đích và xin sự đồng ý của người dân.",
        "Theo nguyên tắc của Nghị định 13/2023/NĐ-CP, dữ liệu cá nhân chỉ được thu thập đúng mục đích đã thông báo và ở mức cần thiết. "
        "Trước khi hỏi số điện thoại hay số định danh, giải thích để làm gì và người dân có quyền từ chối. "
        "Không chụp, không chia sẻ danh sách người dân qua nhóm chat; dữ liệu nhập vào hệ thống chính thức của đơn vị.",
        "Collect only what the form needs, explain why, ask for consent and respect refusal; never share lists of "
        "residents in chat groups.",
    ),
    DemoArticle(
        "chuyen-doi-so-la-gi",
        "chuyen-doi-so",
        ("chuyển đổi số", "chính quyền số", "kinh tế số", "xã hội số"),
        "ARTICLE",
        "Chuyển đổi số là gì: chính quyền số, kinh tế số, xã hội số",
        "Chuyển đổi số là thay đổi cách sống, làm việc và sản xuất nhờ công nghệ số, trên ba trụ cột chính quyền số, kinh tế số và xã hội số.",
        "Chuyển đổi số quốc gia có ba trụ cột. Chính quyền số: người dân làm thủ tục trực tuyến, dữ liệu được chia sẻ để không phải khai lại. "
        "Kinh tế số: doanh nghiệp, hộ kinh doanh bán hàng qua mạng, thanh toán số. Xã hội số: người dân có kỹ năng số, học tập, khám chữa bệnh, giao tiếp trên môi trường số.\n"
        "Ngày 10 tháng 10 hằng năm là Ngày Chuyển đổi số quốc gia.",
        "Digital transformation rests on digital government, digital economy and digital society; 10 October is "
        "National Digital Transformation Day.",
    ),
    DemoArticle(
        "ban-hang-tren-san-thuong-mai-dien-tu",
        "kinh-te-so",
        ("thương mại điện tử", "hộ kinh doanh", "nông sản"),
        "ARTICLE",
        "Hướng dẫn hộ kinh doanh bán hàng trên sàn thương mại điện tử",
        "Chuẩn bị ảnh và mô tả sản phẩm, đăng ký gian hàng trên sàn, nhận thanh toán qua tài khoản và giao hàng qua bưu chính.",
        "Chọn sàn thương mại điện tử phù hợp, đăng ký gian hàng bằng giấy tờ của hộ kinh doanh. "
        "Chụp ảnh sản phẩm rõ, mô tả trung thực nguồn gốc, khối lượng, hạn sử dụng; với nông sản nên có mã truy xuất nguồn gốc.\n"
        "Nhận thanh toán qua tài khoản ngân hàng, giao hàng qua bưu điện hoặc đơn vị vận chuyển. "
        "Kê khai và nộp thuế theo quy định đối với thu nhập từ bán hàng trực tuyến.",
        "Help household businesses open a shop on an e-commerce marketplace: clear photos, honest descriptions, "
        "payments to a bank account, delivery by post, taxes declared.",
    ),
    DemoArticle(
        "bao-hiem-xa-hoi-so-vssid",
        "dich-vu-cong",
        ("bảo hiểm xã hội", "bảo hiểm y tế", "vssid"),
        "ARTICLE",
        "Tra cứu bảo hiểm xã hội, bảo hiểm y tế trên ứng dụng VssID",
        "VssID là ứng dụng Bảo hiểm xã hội số của Bảo hiểm xã hội Việt Nam để xem quá trình đóng, thẻ BHYT và đăng nhập bằng VNeID.",
        "Tải ứng dụng VssID từ kho ứng dụng chính thức. Đăng nhập bằng tài khoản định danh điện tử hoặc tài khoản do cơ quan bảo hiểm xã hội cấp. "
        "Ứng dụng cho xem quá trình đóng bảo hiểm xã hội, bảo hiểm y tế, thẻ BHYT điện tử và lịch sử khám chữa bệnh.\n"
        "Thẻ BHYT cũng có thể dùng qua VNeID hoặc thẻ căn cước gắn chip khi đi khám chữa bệnh.",
        "VssID, the social insurance app, shows contributions, the e-health insurance card and medical history; "
        "log in with VNeID. The chip ID card or VNeID also serves as the health insurance card.",
    ),
    DemoArticle(
        "so-suc-khoe-dien-tu",
        "vneid",
        ("sổ sức khỏe điện tử", "vneid", "y tế"),
        "FAQ",
        "Xem sổ sức khỏe điện tử trên VNeID ở đâu?",
        "Đăng nhập VNeID mức 2, chọn mục Sổ sức khỏe điện tử để xem thông tin khám chữa bệnh đã được cơ sở y tế cập nhật.",
        "Sổ sức khỏe điện tử được tích hợp trên ứng dụng VNeID cho tài khoản định danh mức 2. "
        "Mở VNeID, chọn Sổ sức khỏe điện tử để xem thông tin tiêm chủng, khám chữa bệnh do cơ sở y tế cập nhật. "
        "Đây là dữ liệu sức khỏe, thuộc dữ liệu cá nhân nhạy cảm: không cho người khác mượn máy khi đang mở.",
        "A level 2 VNeID account shows the electronic health book (vaccinations, visits) updated by clinics; it is "
        "sensitive personal data.",
    ),
    DemoArticle(
        "wifi-cong-cong-an-toan",
        "an-toan-so",
        ("wifi", "mạng công cộng", "bảo mật"),
        "FAQ",
        "Dùng Wi-Fi công cộng có an toàn không?",
        "Không đăng nhập ngân hàng hay nhập mật khẩu khi dùng Wi-Fi công cộng không mật khẩu; dùng dữ liệu di động thay thế.",
        "Wi-Fi công cộng không đặt mật khẩu có thể bị kẻ gian theo dõi hoặc giả mạo bằng một điểm phát cùng tên. "
        "Khi dùng mạng này, không đăng nhập ứng dụng ngân hàng, không nhập mật khẩu, OTP. "
        "Với giao dịch quan trọng, dùng dữ liệu di động 4G/5G của chính mình. Tắt tự động kết nối Wi-Fi lạ.",
        "Avoid banking and passwords on open public Wi-Fi; use your own mobile data for important transactions.",
    ),
    DemoArticle(
        "chu-ky-so-ca-nhan",
        "dich-vu-cong",
        ("chữ ký số", "dịch vụ công"),
        "FAQ",
        "Chữ ký số cá nhân dùng để làm gì?",
        "Chữ ký số giúp ký văn bản điện tử có giá trị pháp lý như chữ ký tay, dùng khi nộp hồ sơ, ký hợp đồng, kê khai trực tuyến.",
        "Chữ ký số là chữ ký điện tử được bảo đảm bằng chứng thư số do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp. "
        "Văn bản ký số có giá trị pháp lý như văn bản ký tay và đóng dấu (nếu của tổ chức). "
        "Người dân dùng chữ ký số để ký tờ khai, hồ sơ trực tuyến, hợp đồng điện tử; có loại ký từ xa trên điện thoại. "
        "Giữ bí mật mã PIN của chữ ký số như mật khẩu ngân hàng.",
        "A digital signature, backed by a certificate from a licensed provider, signs e-documents with the legal "
        "value of a handwritten signature; keep its PIN secret.",
    ),
)
