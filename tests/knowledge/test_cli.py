from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from knowledge.cli import law

pytestmark = pytest.mark.corpus


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(law, list(args), input=input)
    return result.exit_code, result.output


def test_import_then_up_to_date(tmp_path: Path) -> None:
    source = tmp_path / "laws"
    source.mkdir()
    (source / "示例办法.md").write_text(
        "# 示例办法\n\n2020年1月1日 发布\n\n<!-- INFO END -->\n\n第一条 示例条文。\n", "utf-8"
    )
    code, out = run("import", str(source), "--index", str(tmp_path / "idx"))
    assert code == 0 and "imported 1 law version, 1 article in" in out
    code, out = run("import", str(source), "--index", str(tmp_path / "idx"))
    assert code == 0 and "index is up to date" in out


def test_search_text(index_path: Path) -> None:
    code, out = run("search", "旅馆不登记旅客", "--top", "3", "--index", str(index_path))
    assert code == 0 and "\n1. 《旅馆业治安管理办法》第六条" in out and "3. " in out


def test_search_text_names_the_faq_entry_the_chat_shows_first(index_path: Path) -> None:
    """The chat answers 房东不退押金怎么办 from its FAQ; the command says so, rather than
    leaving an admin to judge the answer by the lexical articles alone."""
    code, out = run("search", "房东不退押金怎么办", "--index", str(index_path))
    assert code == 0 and out.startswith("FAQ landlord-deposit: ")


def test_search_json(index_path: Path) -> None:
    code, out = run("search", "刑法 264", "--json", "--index", str(index_path))
    assert code == 0
    [hit] = json.loads(out)
    assert hit["law"] == "刑法" and hit["article"] == "第二百六十四条"
    assert set(hit) == {"law", "article", "score", "text"} and hit["text"].startswith("盗窃")


def test_search_json_prints_what_a_batch_line_prints(index_path: Path) -> None:
    """--json had printed the array indented over many lines, unlike each line of --batch:
    a reader of one could not read the other."""
    code, alone = run("search", "旅馆不登记旅客", "--json", "--index", str(index_path))
    assert code == 0
    code, batch = run(
        "search", "--batch", "-", "--json", "--index", str(index_path), input="旅馆不登记旅客\n"
    )
    assert code == 0 and alone == batch and len(alone.splitlines()) == 1
    assert all(set(hit) == {"law", "article", "score", "text"} for hit in json.loads(alone))


def test_search_batch_keeps_order(index_path: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("刑法 264\n\n治安管理处罚法第五十七条\n", "utf-8")
    code, out = run(
        "search", "--batch", str(questions), "--top", "2", "--json", "--index", str(index_path)
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and lines[1] == []
    assert lines[0][0]["article"] == "第二百六十四条"
    assert lines[2][0]["law"] == "治安管理处罚法" and lines[2][0]["article"] == "第五十七条"


def test_search_batch_from_stdin(index_path: Path) -> None:
    code, out = run(
        "search", "--batch", "-", "--json", "--index", str(index_path), input="刑法 264\n"
    )
    assert code == 0 and json.loads(out)[0]["article"] == "第二百六十四条"


def test_search_needs_exactly_one_source(index_path: Path) -> None:
    code, _ = run("search", "--index", str(index_path))
    assert code != 0


def test_show(index_path: Path) -> None:
    code, out = run("show", "治安管理处罚法", "第五十七条", "--index", str(index_path))
    assert code == 0 and out.startswith("《治安管理处罚法》第五十七条（2012-10-26版）")
    assert "房屋出租人" in out
    assert "revised on 2025-06-27, in force from 2026-01-01" in out  # the corpus has the 2012 text
    code, out = run(
        "show", "行政复议法", "第九条", "--version", "2017-09-01", "--index", str(index_path)
    )
    assert code == 0 and "2017-09-01版" in out
    assert "this is the 2017-09-01 text; the law was revised on 2023-09-01" in out
    code, out = run("show", "行政复议法", "第九条", "--index", str(index_path))
    assert code == 0 and "2023-09-01版" in out and "note:" not in out


def test_show_missing(index_path: Path) -> None:
    code, out = run("show", "不存在法", "第一条", "--index", str(index_path))
    assert code != 0 and "no article 第一条 of 《不存在法》" in out


def test_missing_index_is_explained(tmp_path: Path) -> None:
    code, out = run("search", "问题", "--index", str(tmp_path / "none"))
    assert code != 0 and "law import" in out


@pytest.mark.parametrize("files", [(), ("治安管理处罚法.docx",)])
def test_import_of_a_folder_without_statutes_keeps_the_index(
    tmp_path: Path, files: tuple[str, ...]
) -> None:
    source = tmp_path / "laws"
    source.mkdir()
    (source / "示例办法.md").write_text(
        "# 示例办法\n\n2020年1月1日 发布\n\n<!-- INFO END -->\n\n第一条 示例条文。\n", "utf-8"
    )
    index = tmp_path / "idx"
    assert run("import", str(source), "--index", str(index))[0] == 0
    before = sorted(p.name for p in index.iterdir())
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    for name in files:
        (wrong / name).write_bytes(b"PK\x03\x04")
    code, out = run("import", str(wrong), "--index", str(index))
    assert code == 1
    assert f"no .md/.txt statute files under {wrong}; the index was left unchanged" in out
    assert sorted(p.name for p in index.iterdir()) == before
    code, out = run("show", "示例办法", "第一条", "--index", str(index))
    assert code == 0 and "示例条文" in out


def test_search_asks_for_a_question(index_path: Path) -> None:
    code, out = run("search", " ", "--index", str(index_path))
    assert code == 2 and "ask a question" in out


def test_show_an_article_past_the_end_counts_the_articles(index_path: Path) -> None:
    code, out = run("show", "治安管理处罚法", "第一百四十条", "--index", str(index_path))
    assert code == 1
    assert (
        "《治安管理处罚法》 (2012-10-26 text) has 119 articles and there is no 第一百四十条" in out
    )
    assert "中华人民共和国" not in out


def test_search_text_marks_words_only_and_names_a_guide(
    index_path: Path, labour_index: Path
) -> None:
    """The command shows what the chat shows: no 人【民法】院, a cited article from its
    start, and a lawyers' guide named as no law (its rank kept: this is the ranking)."""
    code, out = run("search", "民法典第1084条", "--index", str(index_path))
    assert code == 0 and "【民法】" not in out
    assert out.splitlines()[1].strip().startswith("父母与子女间的关系")
    code, out = run("search", "加班不给加班费", "--index", str(labour_index))
    assert code == 0 and out.startswith("1. 参考资料：劳动仲裁和劳动诉讼的攻略（非法律条文）「")
    assert "《劳动仲裁和劳动诉讼的攻略》" not in out
