"""`law` commands: import statutes, search, show an article.

The lead mounts the group under the main command (`jingmin law …`); it also runs alone
with `python -m knowledge.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from knowledge.answer import citation, snippet
from knowledge.base import KnowledgeBase
from knowledge.importer import import_laws
from knowledge.paths import index_dir, vocabulary_dirs
from knowledge.retriever import Hit
from knowledge.vocabulary import Vocabulary

_INDEX_HELP = "索引目录（默认 var/law-index，或环境变量 JINGMIN_LAW_INDEX）"


def _load(index: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(index_dir(index))
    except FileNotFoundError as exc:
        raise click.ClickException(f"{exc}。请先运行 law import 导入法规。") from exc


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "law": hit.law.short,
        "article": hit.article.label,
        "score": round(hit.score, 4),
        "text": hit.article.text,
    }


@click.group(name="law", help="法律法规知识库：导入、检索、查看条文。")
def law() -> None:
    pass


@law.command(name="import", help="导入 PATH 下的法规文件（.md/.txt）并建立索引。")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
@click.option(
    "--vocabulary",
    "vocab_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="本站附加词表目录（terms.toml / stopwords.toml / vocabulary.toml），可多次指定",
)
@click.option("--force", is_flag=True, help="即使来源未变也重新建立索引")
def import_command(
    path: Path, index: Path | None, vocab_dirs: tuple[Path, ...], force: bool
) -> None:
    target = index_dir(index)
    vocabulary = Vocabulary.load(*(vocab_dirs or vocabulary_dirs()))
    result = import_laws(path, target, vocabulary=vocabulary, force=force)
    if result.skipped:
        click.echo(
            f"索引已是最新（{result.laws} 部法规版本，{result.articles} 条），未重建：{target}"
        )
    else:
        click.echo(
            f"已导入 {result.laws} 部法规版本，共 {result.articles} 条，"
            f"用时 {result.seconds:.1f} 秒：{target}"
        )


@law.command(help="检索与问题相关的法条。")
@click.argument("question", required=False)
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 1000), help="返回条数")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8"),
    help="每行一个问题的文件（- 为标准输入）；每行输出一个 JSON 数组",
)
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
def search(question: str | None, top: int, as_json: bool, batch: Any, index: Path | None) -> None:
    if (question is None) == (batch is None):
        raise click.UsageError("请给出一个问题，或用 --batch 指定问题文件（二者选一）。")
    kb = _load(index)
    if batch is not None:
        for line in batch:
            hits = kb.search(line.strip(), top=top) if line.strip() else []
            click.echo(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False))
        return
    assert question is not None
    hits = kb.search(question, top=top)
    if as_json:
        click.echo(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("没有找到相关条文。")
        return
    for n, hit in enumerate(hits, start=1):
        click.echo(f"{n}. {citation(hit)}  [{hit.score:.3f}]")
        click.echo(f"   {snippet(hit.article.text, hit.terms, 120)}")


@law.command(help="显示一条法条全文，例如：law show 治安管理处罚法 第五十七条")
@click.argument("law_name")
@click.argument("article")
@click.option("--version", default="", help="版本日期，如 2012-10-26（默认最新版本）")
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
def show(law_name: str, article: str, version: str, index: Path | None) -> None:
    kb = _load(index)
    hit = kb.article(law_name, article, version)
    if hit is None:
        raise click.ClickException(f"没有找到《{law_name}》{article}。")
    click.echo(citation(hit))
    if hit.article.heading:
        click.echo(hit.article.heading)
    click.echo("")
    click.echo(hit.article.text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(law())
