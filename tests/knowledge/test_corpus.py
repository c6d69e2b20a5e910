"""Reading a folder: versions, parts of one law, duplicates, skipped files."""

from __future__ import annotations

from pathlib import Path

from knowledge.corpus import read_corpus, statute_files
from knowledge.model import is_amendment_title, short_title, title_key


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def law_text(title: str, body: str, subtitle: str = "", date: str = "2020年1月2日") -> str:
    sub = f"# {subtitle}\n\n" if subtitle else ""
    return f"# {title}\n\n{sub}{date} 通过\n\n<!-- INFO END -->\n\n{body}\n"


def test_versions_parts_duplicates(tmp_path: Path) -> None:
    write(tmp_path, "甲类/_index.md", "---\nbookCollapseSection: true\n---")
    write(
        tmp_path,
        "甲类/示例法(2010-01-01).md",
        law_text("中华人民共和国示例法", "第一条 旧的内容。"),
    )
    write(
        tmp_path,
        "甲类/示例法(2020-06-01).md",
        law_text("中华人民共和国示例法", "第一条 新的内容。"),
    )
    # The same version filed under a second category is kept once.
    write(
        tmp_path,
        "乙类/示例法(2020-06-01).md",
        law_text("中华人民共和国示例法", "第一条 新的内容。"),
    )
    write(tmp_path, "法典/上编.md", law_text("示例法典", "第一条 上编条文。", "上编"))
    write(tmp_path, "法典/下编.md", law_text("示例法典", "第二条 下编条文。", "下编"))
    write(tmp_path, "其他/示例条例.txt", "示例条例\n2001年1月1日 发布\n\n第一条 文本文件。\n")

    files = statute_files(tmp_path)
    assert all(not f.name.startswith("_") for f in files)
    corpus = read_corpus(tmp_path)
    by_title = {(law.short, law.version): law for law in corpus.laws}

    old, new = by_title[("示例法", "2010-01-01")], by_title[("示例法", "2020-06-01")]
    assert not old.latest and new.latest
    assert new.sources == ["乙类/示例法(2020-06-01).md"]  # first path of the duplicates
    assert corpus.law_articles(corpus.laws.index(new))[0].text == "新的内容。"

    code = next(law for law in corpus.laws if law.short == "示例法典")
    parts = corpus.law_articles(corpus.laws.index(code))
    assert [a.label for a in parts] == ["第一条", "第二条"]
    assert parts[1].heading == "下编"
    assert code.sources == ["法典/上编.md", "法典/下编.md"]

    text_law = next(law for law in corpus.laws if law.short == "示例条例")
    assert text_law.category == "其他"
    assert len(corpus.laws) == 4


def test_title_forms() -> None:
    assert short_title("中华人民共和国刑法") == "刑法"
    assert title_key("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释") == (
        "最高人民法院关于适用《民事诉讼法》的解释"
    )
    assert title_key("最高人民法院 最高人民检察院关于示例的解释") == title_key(
        "最高人民法院、最高人民检察院关于示例的解释"
    )


def test_amendment_titles() -> None:
    assert is_amendment_title("中华人民共和国刑法修正案（十一）")
    assert is_amendment_title("最高人民法院关于修改《关于示例的规定》的决定")
    assert not is_amendment_title(
        "最高人民法院关于《中华人民共和国刑法修正案（九）》时间效力问题的解释"
    )
    assert not is_amendment_title("中华人民共和国刑法")


def test_a_file_of_the_other_folder_is_no_law(tmp_path: Path) -> None:
    """其他/ holds a lawyers' guide and a forensic standard: an answer names them as such."""
    write(
        tmp_path, "其他/某攻略.md", "# 某攻略\n\n<!-- INFO END -->\n\n## 加班费\n\n加班费的计算。\n"
    )
    write(tmp_path, "社会法/示例法.md", law_text("中华人民共和国示例法", "第一条 内容。"))
    laws = {law.short: law for law in read_corpus(tmp_path).laws}
    assert laws["某攻略"].category == "其他" and laws["某攻略"].reference
    assert not laws["示例法"].reference
