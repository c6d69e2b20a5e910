"""Parsing made-up statute-shaped texts (no real statute text in the repository)."""

from __future__ import annotations

from knowledge.parser import clean_heading, parse_statute, version_from

SAMPLE = """\
# 中华人民共和国示例管理法

2001年2月3日 第九届全国人民代表大会常务委员会第一次会议通过

2010年5月6日 第十一届全国人民代表大会常务委员会第二次会议修正

2011年1月1日 施行

<!-- INFO END -->

## 第一编 总 则

### 第一章 一般规定

第一条 为了测试解析器，制定本法。

第二条 示例单位应当遵守下列规定：

（一）按时登记；

（二）如实报告。

#### 第一节 细则

第二条之一 本条为后来增加的条文。\u200b

第三条

本条的正文在下一行。

## 第二编 附 则

第四条 本法自公布之日起施行。
"""


def test_title_info_and_version() -> None:
    parsed = parse_statute(SAMPLE, "示例管理法")
    assert parsed.title == "中华人民共和国示例管理法"
    assert parsed.subtitle == ""
    assert len(parsed.info) == 3
    # 施行 lines do not make a version; the latest other date does.
    assert parsed.version == "2010-05-06"


def test_articles_paragraphs_and_items() -> None:
    articles = parse_statute(SAMPLE).articles
    assert [a.label for a in articles] == ["第一条", "第二条", "第二条之一", "第三条", "第四条"]
    second = articles[1]
    assert second.number == 2 and second.sub == 0
    assert second.text == "示例单位应当遵守下列规定：\n（一）按时登记；\n（二）如实报告。"
    assert articles[2].number == 2 and articles[2].sub == 1
    assert articles[2].text == "本条为后来增加的条文。"  # zero-width space removed
    assert articles[3].text == "本条的正文在下一行。"


def test_heading_path() -> None:
    articles = parse_statute(SAMPLE).articles
    assert articles[0].heading == "第一编 总则 第一章 一般规定"
    assert articles[2].heading == "第一编 总则 第一章 一般规定 第一节 细则"
    # A new level-2 heading drops the deeper ones.
    assert articles[4].heading == "第二编 附则"


def test_file_name_date_wins() -> None:
    parsed = parse_statute(SAMPLE, "示例管理法(2023-12-29)")
    assert parsed.version == "2023-12-29"
    assert version_from("无日期", []) == ""


def test_subtitle_marks_a_part() -> None:
    text = "# 中华人民共和国示例法典\n\n# 第二部分编\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n## 第一章 通则\n\n第九条 部分的条文。\n"
    parsed = parse_statute(text)
    assert parsed.subtitle == "第二部分编"
    assert parsed.articles[0].heading == "第二部分编 第一章 通则"
    assert parsed.version == "2020-05-28"


def test_document_without_articles_becomes_sections() -> None:
    text = "# 示例鉴定标准\n\n<!-- INFO END -->\n\n## 范围\n\n本标准规定示例内容。\n\n## 术语\n\n### 轻微\n\n程度较轻的情形。\n"
    parsed = parse_statute(text)
    assert parsed.articles == []
    assert [(b.label, b.text) for b in parsed.blocks] == [
        ("范围", "本标准规定示例内容。"),
        ("轻微", "程度较轻的情形。"),
    ]


def test_plain_text_without_marker() -> None:
    text = "示例条例\n2015年3月4日 国务院发布\n\n第一条 第一条的内容。\n第二条 第二条的内容。\n"
    parsed = parse_statute(text, "示例条例")
    assert parsed.title == "示例条例"
    assert parsed.version == "2015-03-04"
    assert [a.label for a in parsed.articles] == ["第一条", "第二条"]


def test_reference_at_line_start_is_not_an_article() -> None:
    text = "# 示例法\n<!-- INFO END -->\n第一条 总的规定。\n第一条规定的事项，另行处理。\n"
    articles = parse_statute(text).articles
    assert len(articles) == 1
    assert articles[0].text == "总的规定。\n第一条规定的事项，另行处理。"


def test_clean_heading() -> None:
    assert clean_heading("第一编  总 则") == "第一编 总则"
    assert clean_heading("附 则") == "附则"
    assert clean_heading("一、一般规定") == "一、一般规定"
