"""The wanted card renderer: pictures against reference images, Chinese glyphs, the masking
of public cards, and text that never leaves its space.

The reference pictures in golden/ were drawn with Noto Sans CJK SC; they are compared with a
tolerance so that another FreeType's hinting does not fail them. Redraw them after a
deliberate change to the card with

    JINGMIN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/handlers/wanted/test_card.py

and look at every picture before committing it.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from bot.fonts import cjk_font_path, load_font, missing_glyphs
from handlers.wanted.card import (
    STANDARD_PIXELS,
    CardFacts,
    CardSize,
    CardStatus,
    SheetEntry,
    card_lines,
    draw_card,
    render_card,
    render_contact_sheet,
)
from handlers.wanted.card_layout import allot, layout
from handlers.wanted.card_photo import PLACEHOLDER_BACKGROUND, portrait, silhouette
from handlers.wanted.card_png import encode_png
from handlers.wanted.card_text import NO_PHOTO, drawn_texts, footer_note, stamp
from handlers.wanted.contact_sheet import SHEET_CAPACITY, fitted_name, name_fonts
from handlers.wanted.glyphs import draw_text, text_width
from handlers.wanted.text_wrap import ELLIPSIS, wrap
from tests.handlers.wanted.portraits import portrait_jpeg

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("JINGMIN_UPDATE_GOLDEN") == "1"
GOLDEN_FONT = "Noto Sans CJK SC"
#: How far a picture may be from its reference. Another FreeType's hinting moves glyph edges
#: by a fraction of a pixel: small differences spread thin. A changed character in the name
#: or a missing row of facts changes 0.15-0.3 % of the pixels by more than STRONG.
MEAN_TOLERANCE = 1.0
STRONG = 96
STRONG_SHARE_TOLERANCE = 0.001
ID_NUMBER = "410105199001011234"
#: Differs from ID_NUMBER only in the digits a public card hides.
OTHER_ID_NUMBER = "410198765432101234"
LONG_CASE = (
    "2023年5月起，该人员以投资虚拟货币为名，通过微信群、直播间发布虚假收益截图，诱骗"
    "被害人向指定账户转账，涉案金额约380万元，被害人遍及河南、湖北、四川等地共127人。"
    "案发后该人员更换手机号码（原号码13812345678已停用），驾驶白色SUV（车牌号豫A·12345）"
)


needs_cjk_font = pytest.mark.skipif(
    cjk_font_path() is None, reason="no CJK font on this machine (install fonts-noto-cjk)"
)


def facts(**changes: Any) -> CardFacts:
    base = CardFacts(
        card_no="TJ-0042",
        name="张某某",
        aliases=("强子", "张三"),
        sex="男",
        age="36岁（1990年生）",
        doc_no=ID_NUMBER,
        height="约175厘米",
        build="偏瘦",
        accent="河南口音",
        marks="右臂有龙形纹身，左眉有约2厘米疤痕，常戴黑框眼镜",
        case="涉嫌以投资虚拟货币为名实施电信网络诈骗，涉案金额约380万元，案发后携款潜逃。",
        issuing_unit="某市公安局某某分局",
        reward="提供有效线索者奖励人民币5万元",
        contact="0371-65123456 值班民警",
        issued_on=date(2026, 3, 1),
    )
    return replace(base, **changes)


@pytest.fixture(scope="module")
def photo() -> bytes:
    """An upright portrait stored sideways with its EXIF orientation, as phones save them."""
    return portrait_jpeg(600, 800, seed=1, grain=0, sideways=True)


def decoded(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.convert("RGB")


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def strongly_differing_share(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels whose difference (as luminance) exceeds STRONG."""
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    return sum(histogram[STRONG + 1 :]) / (a.width * a.height)


def assert_matches_golden(png: bytes, name: str) -> None:
    font, chinese = load_font(12)
    family = font.getname()[0] if chinese and isinstance(font, ImageFont.FreeTypeFont) else None
    if family != GOLDEN_FONT:
        pytest.skip(f"reference pictures are drawn with {GOLDEN_FONT}; this machine has {family}")
    path = GOLDEN / f"{name}.png"
    # Compared at half size, which is kept small in the repository and still shows a line
    # of text that moved or went missing.
    drawn = decoded(png).reduce(2)
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        drawn.save(path, format="PNG", optimize=True)
        return
    assert path.exists(), f"no reference picture {path.name}; run with JINGMIN_UPDATE_GOLDEN=1"
    expected = decoded(path.read_bytes())
    assert drawn.size == expected.size
    mean = mean_difference(drawn, expected)
    strong = strongly_differing_share(drawn, expected)
    assert mean < MEAN_TOLERANCE and strong < STRONG_SHARE_TOLERANCE, (
        f"{name} differs from its reference: mean {mean:.2f}, {strong:.3%} of pixels strongly"
    )


# -- pictures against their references ------------------------------------------------------


def test_internal_card_with_photo(photo: bytes) -> None:
    png = render_card(facts(photo=photo))
    assert decoded(png).size == STANDARD_PIXELS
    assert_matches_golden(png, "internal_photo")


def test_public_card_without_photo() -> None:
    assert_matches_golden(render_card(facts(public=True)), "public_no_photo")


def test_captured_card_is_stamped(photo: bytes) -> None:
    assert_matches_golden(render_card(facts(photo=photo, status=CardStatus.CAPTURED)), "captured")


def test_lock_screen(photo: bytes) -> None:
    png = render_card(facts(photo=photo), CardSize.LOCK_SCREEN)
    width, height = decoded(png).size
    assert 19 / 9 <= height / width <= 22 / 9
    assert_matches_golden(png, "lock_screen")


def test_contact_sheet(photo: bytes) -> None:
    names = ["张某某", "李四", "王五", "赵六六", "阿卜杜克力木·阿卜杜热合曼", "钱七", "孙八"]
    entries = [
        SheetEntry(f"TJ-{i + 1:04d}", name, photo if i % 3 else None, public=i % 2 == 1)
        for i, name in enumerate(names)
    ]
    assert_matches_golden(render_contact_sheet(entries), "contact_sheet")


@needs_cjk_font
def test_a_contact_sheet_name_is_drawn_smaller_before_it_is_cut() -> None:
    """演示公开通缉 had shown as 演示公开…: six characters did not fit at the name's size."""
    fonts = name_fonts()
    assert fitted_name("演示公开通缉", fonts)[0] == "演示公开通缉"
    assert fitted_name("张三", fonts)[1] is fonts[0]  # a short name keeps the largest size
    assert fitted_name("阿卜杜克力木·阿卜杜热合曼·买买提江", fonts)[0].endswith(ELLIPSIS)


def test_contact_sheet_holds_one_to_twelve() -> None:
    entry = SheetEntry("TJ-0001", "张三", None, public=False)
    render_contact_sheet([entry] * SHEET_CAPACITY)
    for count in (0, SHEET_CAPACITY + 1):
        with pytest.raises(ValueError):
            render_contact_sheet([entry] * count)


# -- the photo --------------------------------------------------------------------------------


def test_exif_orientation_is_honoured(photo: bytes) -> None:
    upright = portrait_jpeg(600, 800, seed=1, grain=0)
    size = (300, 400)
    turned, is_photo = portrait(photo, size)
    assert is_photo
    # The JPEG of a turned picture compresses a little differently: not identical, close.
    assert mean_difference(turned, portrait(upright, size)[0]) < 3
    with Image.open(io.BytesIO(photo)) as stored:
        assert stored.size == (800, 600)  # the pixels really are on their side


def test_crop_keeps_the_top_of_a_tall_photo() -> None:
    # Bands of 100 rows in distinct greys; a 3:4 crop of 300 x 1200 keeps 400 rows, and
    # centring at 35 % starts them at row 0.35 x 800 = 280.
    tall = Image.new("RGB", (300, 1200))
    for band in range(12):
        tall.paste((band * 20, band * 20, band * 20), (0, band * 100, 300, band * 100 + 100))
    out = io.BytesIO()
    tall.save(out, format="PNG")
    cropped, _ = portrait(out.getvalue(), (300, 400))
    assert cropped.getpixel((150, 2)) == (40, 40, 40)  # band 2: rows 200-299
    assert cropped.getpixel((150, 397)) == (120, 120, 120)  # band 6: rows 600-699


def test_unreadable_photo_draws_the_silhouette(caplog: pytest.LogCaptureFixture) -> None:
    picture, is_photo = portrait(b"\xff\xd8 not a jpeg", (300, 400))
    assert not is_photo and picture.size == (300, 400)
    assert "silhouette" in caplog.text
    assert decoded(render_card(facts(photo=b"garbage"))).size == STANDARD_PIXELS


def test_a_photo_beyond_the_media_limit_is_not_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 4_001)).save(out, format="PNG")  # 40 million pixels and one row
    picture, is_photo = portrait(out.getvalue(), (30, 40))
    assert not is_photo and picture.size == (30, 40)


# -- Chinese glyphs -----------------------------------------------------------------------------


@needs_cjk_font
def test_every_drawn_character_has_a_glyph() -> None:
    font, chinese = load_font(36)
    assert chinese
    cards = [
        facts(status=status, public=public) for status in CardStatus for public in (False, True)
    ]
    cards.append(facts(public=True, reward=""))
    text = "".join(piece for card in cards for piece in drawn_texts(card))
    assert missing_glyphs(font, text) == set()
    assert missing_glyphs(load_font(36, bold=True)[0], text) == set()


@needs_cjk_font
def test_missing_glyphs_finds_what_the_font_lacks() -> None:
    font, _ = load_font(36)
    private_use = "\ue000"  # no font ships a glyph for the private use area by default
    assert missing_glyphs(font, f"张三 {private_use}A1") == {private_use}
    assert missing_glyphs(font, " \t\n") == set()


@needs_cjk_font
def test_a_missing_glyph_is_logged_without_the_name(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        render_card(facts(name="张\ue000强"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("(1 distinct)" in message for message in warnings)
    assert not any("张" in message for message in warnings)


def test_a_closed_public_notice_stops_asking_for_calls() -> None:
    assert "110" in footer_note(facts(public=True))
    for status in (CardStatus.CAPTURED, CardStatus.REVOKED):
        assert "110" not in footer_note(facts(public=True, status=status))
        assert stamp(facts(status=status))
    assert stamp(facts()) == ""


# -- masking on public cards ----------------------------------------------------------------


def test_public_card_lines_never_hold_the_full_number() -> None:
    public = dict(card_lines(facts(public=True)))
    assert ID_NUMBER not in "".join(public.values())
    assert public["居民身份证"] == "4101**********1234"
    assert dict(card_lines(facts()))["居民身份证"] == ID_NUMBER


def test_public_cards_are_identical_whatever_the_hidden_digits() -> None:
    assert OTHER_ID_NUMBER[:4] == ID_NUMBER[:4] and OTHER_ID_NUMBER[-4:] == ID_NUMBER[-4:]
    one, other = facts(doc_no=ID_NUMBER), facts(doc_no=OTHER_ID_NUMBER)
    public_one = decoded(render_card(replace(one, public=True)))
    public_other = decoded(render_card(replace(other, public=True)))
    assert ImageChops.difference(public_one, public_other).getbbox() is None
    internal_one, internal_other = decoded(render_card(one)), decoded(render_card(other))
    assert ImageChops.difference(internal_one, internal_other).getbbox() is not None


def test_an_internal_lock_screen_hides_the_digits_the_unlocked_card_shows() -> None:
    """A wallpaper is read by whoever holds the locked phone: it had printed the whole
    number under 内部通缉·仅限民警."""
    one, other = facts(doc_no=ID_NUMBER), facts(doc_no=OTHER_ID_NUMBER)
    lock_one = decoded(render_card(one, CardSize.LOCK_SCREEN))
    lock_other = decoded(render_card(other, CardSize.LOCK_SCREEN))
    assert ImageChops.difference(lock_one, lock_other).getbbox() is None


# -- long text ----------------------------------------------------------------------------


def overflowing() -> CardFacts:
    return facts(
        name="阿卜杜克力木·阿卜杜热合曼·买买提江",
        aliases=tuple(f"外号{i}" for i in range(12)),
        age="约30–40岁（据同案人员供述，实际年龄可能更大）",
        height="约175厘米（穿增高鞋时约180厘米）",
        build="中等偏胖，走路时左腿微跛，习惯弯腰驼背",
        accent="河南口音夹杂四川方言，能说流利的粤语和简单的英语",
        marks="左手背有龙形纹身，" * 8,
        case=(LONG_CASE * 3)[:500],
        issuing_unit="某市公安局某某分局刑事侦查大队第三中队" * 3,
        reward="提供有效线索者奖励人民币5万元，协助抓获者奖励人民币10万元" * 2,
        contact="0371-65123456 值班民警；13812345678 值班室；" * 3,
    )


@pytest.mark.parametrize("public", [False, True])
def test_long_text_stays_inside_the_card(public: bool) -> None:
    crowded = replace(overflowing(), public=public)
    size = STANDARD_PIXELS
    card = layout(crowded, size, has_photo=False)
    left, _, right, _ = card.content
    footer_top = card.footer[1]
    lines = card.texts
    for line in lines:
        start, end = line.span()
        assert left <= start and end <= right, line.text
        assert line.baseline < size[1] - 10, line.text
    body = [line for line in lines if line.baseline < footer_top]
    assert len(body) == len(lines) - 3  # the rest is the footer's date, number and note
    assert any(line.text.endswith(ELLIPSIS) for line in lines)
    drawn = {line.text for line in lines}
    labels = [label for label, _ in card_lines(crowded)[2:]]  # after the name and aliases
    assert all(label in drawn for label in labels), "every row keeps at least one line"
    baselines = sorted({(line.x, line.baseline) for line in lines})
    assert len(baselines) == len(lines)  # no two lines drawn on the same spot
    assert decoded(render_card(crowded)).size == size


def test_wrap_keeps_latin_runs_and_punctuation_rules() -> None:
    font, _ = load_font(30)
    size = font.getlength("国")
    lines = wrap("嫌疑人手机13812345678，车牌豫A·12345。", font, size * 8, 5)
    assert "".join(lines) == "嫌疑人手机13812345678，车牌豫A·12345。"
    assert any("13812345678" in line for line in lines)  # kept whole
    assert not any(line[0] in "，。" for line in lines)
    assert all(text_width(font, line) <= size * 8 for line in lines)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="张三李四王五赵六，。（）ABCxyz0123456789 -", max_size=120),
    columns=st.integers(min_value=1, max_value=12),
    max_lines=st.integers(min_value=1, max_value=4),
)
def test_wrapped_lines_always_fit(text: str, columns: int, max_lines: int) -> None:
    font, _ = load_font(30)
    width = font.getlength("国") * columns
    lines = wrap(text, font, width, max_lines)
    assert len(lines) <= max_lines
    # Measured as drawn: glyph by glyph (see handlers/wanted/glyphs.py).
    assert all(text_width(font, line) <= width for line in lines)
    if lines and not lines[-1].endswith(ELLIPSIS):
        assert "".join(lines).replace(" ", "") == "".join(text.split())


def test_allot_shares_lines_longest_first() -> None:
    assert allot([1, 6, 2, 1], 20) == [1, 6, 2, 1]
    assert allot([1, 6, 2, 1], 7) == [1, 3, 2, 1]
    assert allot([3, 3], 4) == [2, 2]
    assert allot([1, 1, 1], 2) == [1, 1]


@needs_cjk_font
@pytest.mark.parametrize("text", ["张某某，约175厘米（1990年生）", "0371-65123456 值班民警"])
def test_cached_glyphs_draw_what_pillow_draws(text: str) -> None:
    # Chinese and digits come out pixel for pixel; only Latin kerning ("TJ") is left out.
    font, _ = load_font(40, bold=True)
    by_pillow = Image.new("RGB", (700, 80), "white")
    ImageDraw.Draw(by_pillow).text((10, 60), text, fill=(17, 24, 39), font=font, anchor="ls")
    by_glyphs = Image.new("RGB", (700, 80), "white")
    draw_text(by_glyphs, 10, 60, text, font, (17, 24, 39))
    assert ImageChops.difference(by_pillow, by_glyphs).getbbox() is None


# -- the PNG writer -------------------------------------------------------------------------


def test_png_writer_is_lossless(photo: bytes) -> None:
    image = draw_card(facts(photo=photo), (300, 400))
    assert ImageChops.difference(decoded(encode_png(image, 1)), image).getbbox() is None
    grey = Image.new("L", (5, 3), 200)
    assert decoded(encode_png(grey, 6)).getpixel((4, 2)) == (200, 200, 200)


def test_the_no_photo_caption_is_written_below_the_silhouette() -> None:
    """暂无照片 sat on the silhouette's shoulders, grey on grey."""
    card = layout(facts(), STANDARD_PIXELS, has_photo=False)
    [caption] = [t for t in card.texts if t.text == NO_PHOTO]
    left, top, right, bottom = card.photo
    figure = silhouette((right - left, bottom - top))
    size = getattr(caption.font, "size", 0)
    ink = range(int(caption.baseline - size * 0.9) - top, int(caption.baseline + size * 0.1) - top)
    assert ink.start > 0 and ink.stop <= figure.height
    rows = {figure.getpixel((x, y)) for y in ink for x in range(figure.width)}
    assert rows == {PLACEHOLDER_BACKGROUND}
