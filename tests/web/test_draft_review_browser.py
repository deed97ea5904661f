"""A programme manager reviews a drafted programme in a real browser (/chuong-trinh/du-thao/): uploads the
document, follows each highlighted source to its fields, corrects, accepts, drops, saves and loads."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from nqtrack.drafting.models import ProgrammeDraft
from nqtrack.programmes.models import Indicator, Programme, Target
from tests.accounts.conftest import PASSWORD, Cast
from tests.conftest import save_screenshot
from tests.programmes.test_load import row_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = "tests/programmes/documents/02-ctr-chinh-phu-quy-hoach-tong-the-quoc-gia.txt"
CODE = "quy-hoach-tong-the-2030"


def item(page: Page, code: str) -> Locator:
    """The drafted target ``code`` among the items beside the text."""
    return page.locator("div.draft-item").filter(has=page.get_by_text(code, exact=True))


def test_the_manager_reviews_a_draft_beside_its_text_and_loads_it(
    page: Page, live_server: object, cast: Cast
) -> None:
    base = str(live_server)
    seed = row_counts()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(cast.manager.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{base}/ct/{cast.programme.code}/")  # the dashboard's address

    page.goto(f"{base}/chuong-trinh/du-thao/")
    page.get_by_label("Văn bản chương trình hoặc bản nháp").set_input_files(DOCUMENT)
    page.get_by_role("button", name="Lập bản nháp").click()
    draft = ProgrammeDraft.objects.get()
    expect(page).to_have_url(f"{base}/chuong-trinh/du-thao/{draft.pk}/")
    counts = page.locator("p.draft-counts")
    expect(counts).to_have_text("Bản nháp có 7 chỉ tiêu, 0 mốc, 0 nhiệm vụ, 0 phân công; 1 mục chưa chắc.")
    assert row_counts() == seed  # a draft is not a programme: nothing loaded yet

    # Every target's source is highlighted in the text, left of the items, and leads to its own fields.
    sources = page.locator(".draft-source a.src")
    assert sources.all_inner_texts() == [
        "tốc độ tăng trưởng GDP cả nước bình quân đạt khoảng 7,0%/năm giai đoạn 2021 - 2030",
        "GDP bình quân đầu người theo giá hiện hành đạt khoảng 7.500 USD",
        "Tỷ trọng trong GDP của khu vực dịch vụ đạt trên 50%",
        "khu vực công nghiệp - xây dựng trên 40%",
        "khu vực nông, lâm, thủy sản dưới 10%",
        "Tốc độ tăng năng suất lao động xã hội bình quân đạt trên 6,5%/năm",
        "Đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng đạt trên 50%",
    ]
    assert [s.get_attribute("class") for s in sources.all()] == ["src"] * 5 + ["src uncertain", "src"]
    for source in sources.all():
        target = page.locator(str(source.get_attribute("href")))
        assert target.locator("p.source-text").first.inner_text() == f"“{source.inner_text()}”"
        source_box, target_box = source.bounding_box(), target.bounding_box()
        assert source_box is not None
        assert target_box is not None
        assert source_box["x"] + source_box["width"] <= target_box["x"]  # the text beside the fields
    gdp = item(page, "gdp_binh_quan_dau_nguoi_theo_gia_hien_2030")
    page.get_by_role("link", name="GDP bình quân đầu người theo giá hiện hành đạt khoảng 7.500 USD").click()
    expect(page).to_have_url(f"{base}/chuong-trinh/du-thao/{draft.pk}/#{gdp.get_attribute('id')}")
    expect(gdp).to_be_in_viewport()
    expect(gdp.get_by_label("Giá trị thấp")).to_have_value("7.500")
    expect(gdp.get_by_label("So sánh")).to_have_value("about")
    labour = item(page, "toc_do_tang_nang_suat_lao_dong_xa_2021_2030")
    expect(labour.locator(".flag-uncertain")).to_have_text(
        "⚠ CHƯA CHẮC: không nêu giai đoạn; lấy giai đoạn của chương trình"
    )

    # Correct a value (written the Vietnamese way), accept the uncertain reading, drop a target; save.
    page.get_by_label("Mã chương trình").fill(CODE)
    gdp.get_by_label("Giá trị thấp").fill("7.600")
    labour.get_by_label("Xử lý").select_option(label="Chấp nhận (đã kiểm tra)")
    item(page, "khu_vuc_nong_lam_thuy_san_2030").get_by_label("Xử lý").select_option(label="Bỏ")
    page.get_by_role("button", name="Lưu các sửa đổi").click()
    expect(page.locator("ul.obs-messages")).to_have_text("Đã lưu các sửa đổi của bản nháp.")
    expect(counts).to_have_text("Bản nháp có 6 chỉ tiêu, 0 mốc, 0 nhiệm vụ, 0 phân công; 0 mục chưa chắc.")
    expect(sources).to_have_count(6)
    expect(page.locator(".draft-source a.src.uncertain")).to_have_count(0)
    expect(item(page, "khu_vuc_nong_lam_thuy_san_2030")).to_have_count(0)
    expect(gdp.get_by_label("Giá trị thấp")).to_have_value("7.600")
    expect(labour.locator(".flag-accepted")).to_have_text(
        "✓ đã duyệt: không nêu giai đoạn; lấy giai đoạn của chương trình"
    )
    assert row_counts() == seed  # saving keeps the draft only

    page.get_by_role("button", name="Nạp chương trình").click()
    expect(page.locator("ul.obs-messages")).to_have_text(
        f"Đã nạp chương trình “{CODE}”: 14 mục mới, 0 mục cập nhật, 0 mục xoá."
    )
    expect(counts).to_contain_text(f"Đã nạp thành chương trình “{CODE}” lúc ")
    expect(page.get_by_role("note")).to_have_text(  # loading the draft again would now replace it
        f"⚠ Đã có chương trình mã “{CODE}”: nạp bản nháp sẽ thay chương trình đó (đánh dấu “Thay chương "
        "trình đã nạp”), hoặc đổi mã chương trình bên dưới."
    )
    assert page.console_errors == []  # type: ignore[attr-defined]
    save_screenshot(page, "draft-review-loaded")

    programme = Programme.objects.get(code=CODE)
    assert list(programme.indicator_groups.values_list("number", flat=True)) == [1]
    assert list(Indicator.objects.filter(programme=programme).values_list("code", "unit", "direction")) == [
        ("toc_do_tang_truong_gdp_ca_nuoc", "percent_per_year", "higher"),
        ("gdp_binh_quan_dau_nguoi_theo_gia_hien", "usd", "higher"),
        ("ty_trong_trong_gdp_cua_khu_vuc_dich", "percent", "higher"),
        ("khu_vuc_cong_nghiep_xay_dung", "percent", "higher"),
        ("toc_do_tang_nang_suat_lao_dong_xa", "percent_per_year", "higher"),
        ("dong_gop_cua_nang_suat_nhan_to_tong", "percent", "higher"),
    ]
    fields = ("code", "kind", "comparator", "low", "high", "year", "period_start", "period_end")
    assert list(
        Target.objects.filter(indicator__programme=programme).order_by("position").values_list(*fields)
    ) == [
        ("toc_do_tang_truong_gdp_ca_nuoc_2021_2030", "average_growth", "about", 7.0, None, None, 2021, 2030),
        ("gdp_binh_quan_dau_nguoi_theo_gia_hien_2030", "level", "about", 7600.0, None, 2030, None, None),
        ("ty_trong_trong_gdp_cua_khu_vuc_dich_2030", "share", "more_than", 50.0, None, 2030, None, None),
        ("khu_vuc_cong_nghiep_xay_dung_2030", "share", "more_than", 40.0, None, 2030, None, None),
        (
            "toc_do_tang_nang_suat_lao_dong_xa_2021_2030",
            "average_growth",
            "more_than",
            6.5,
            None,
            None,
            2021,
            2030,
        ),
        ("dong_gop_cua_nang_suat_nhan_to_tong_2030", "level", "more_than", 50.0, None, 2030, None, None),
    ]
    assert Programme.objects.count() == 2  # the seed programme beside it
    assert Target.objects.filter(indicator__programme=cast.programme).count() == 29
    draft.refresh_from_db()
    assert draft.loaded_code == CODE
