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
from knowledge.importer import NoStatutes, import_laws
from knowledge.paths import index_dir, vocabulary_dirs
from knowledge.retriever import Hit, parse_label
from knowledge.vocabulary import Vocabulary

_INDEX_HELP = "Index folder (default: $JINGMIN_LAW_INDEX, else [law] index_dir, var/law-index)."


def _load(index: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(index_dir(index).absolute())
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "law": hit.law.short,
        "article": hit.article.label,
        "score": round(hit.score, 4),
        "text": hit.article.text,
    }


def _hits_json(hits: list[Hit]) -> str:
    """One line of JSON: the array `law search --json` and each line of `--batch` print."""
    return json.dumps([_hit_json(h) for h in hits], ensure_ascii=False)


@click.group(name="law", help="The law knowledge base: import statutes, search, show an article.")
def law() -> None:
    pass


@law.command(
    name="import", help="Import the statute files (.md/.txt) under PATH and build the index."
)
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
@click.option(
    "--vocabulary",
    "vocab_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A station's own word lists (terms.toml, stopwords.toml, vocabulary.toml, aliases.toml); repeatable.",
)
@click.option("--force", is_flag=True, help="Rebuild even if the statutes have not changed.")
def import_command(
    path: Path, index: Path | None, vocab_dirs: tuple[Path, ...], force: bool
) -> None:
    target = index_dir(index).absolute()
    vocabulary = Vocabulary.load(*(vocab_dirs or vocabulary_dirs()))
    try:
        result = import_laws(path, target, vocabulary=vocabulary, force=force)
    except NoStatutes as exc:
        raise click.ClickException(str(exc)) from None
    if result.skipped:
        click.echo(
            f"index is up to date ({_counted(result.laws, 'law version')}, "
            f"{_counted(result.articles, 'article')}), "
            f"not rebuilt: {target}"
        )
    else:
        click.echo(
            f"imported {_counted(result.laws, 'law version')}, "
            f"{_counted(result.articles, 'article')} "
            f"in {result.seconds:.1f} s: {target}"
        )


@law.command(help="Articles for a question, best first (the FAQ entry the chat shows, first).")
@click.argument("question", required=False)
@click.option(
    "--top", default=5, show_default=True, type=click.IntRange(1, 1000), help="How many articles."
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON array on one line, as --batch does for each question: "
    "[{law, article, score, text}, …], best first.",
)
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8"),
    help="A file of one question per line (- for stdin); prints one JSON array per line "
    "(the keys of --json), [] for a blank line.",
)
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
def search(question: str | None, top: int, as_json: bool, batch: Any, index: Path | None) -> None:
    if (question is None) == (batch is None):
        raise click.UsageError(
            "give a question, or a file of questions with --batch (one of the two)"
        )
    kb = _load(index)
    if batch is not None:
        for line in batch:
            hits = kb.search(line.strip(), top=top) if line.strip() else []
            click.echo(_hits_json(hits))
        return
    assert question is not None
    if not question.strip():
        raise click.UsageError("ask a question, e.g. law search 房东不退押金怎么办")
    hits = kb.search(question, top=top)
    if as_json:
        # The line --batch prints for the same question: one reader serves both.
        click.echo(_hits_json(hits))
        return
    faq = kb.faq_match(question)
    if faq is not None:
        # What the chat shows first: a curated answer, before the articles below.
        click.echo(f"FAQ {faq.entry.id}: {faq.entry.questions[0]}")
    if not hits:
        click.echo("no article found")
        return
    for n, hit in enumerate(hits, start=1):
        click.echo(f"{n}. {citation(hit)}  [{hit.score:.3f}]")
        shown = snippet(
            hit.article.text,
            hit.terms,
            120,
            boundaries=kb.retriever.segmenter.boundaries,
            from_start=hit.cited,
        )
        click.echo(f"   {shown}")


@law.command(help="One article in full, e.g. law show 治安管理处罚法 第五十七条")
@click.argument("law_name")
@click.argument("article")
@click.option("--version", default="", help="Version date, e.g. 2012-10-26 (default: the latest).")
@click.option("--index", type=click.Path(file_okay=False, path_type=Path), help=_INDEX_HELP)
def show(law_name: str, article: str, version: str, index: Path | None) -> None:
    kb = _load(index)
    hit = kb.article(law_name, article, version)
    if hit is None:
        raise click.ClickException(_no_article(kb, law_name, article, version))
    click.echo(citation(hit))
    if hit.article.heading:
        click.echo(hit.article.heading)
    click.echo("")
    click.echo(hit.article.text)
    newer = kb.currency.newer(hit.law)
    if hit.law.repealed_on:
        instead = f"; now see 《{hit.law.replaced_by}》" if hit.law.replaced_by else ""
        click.echo(f"\nnote: repealed on {hit.law.repealed_on} by {hit.law.repealed_by}{instead}")
    elif hit.law.repealed_by:
        click.echo(f"\nnote: this law was repealed by 《{hit.law.repealed_by}》")
    elif newer is not None:
        since = f", in force from {newer.in_force}" if newer.in_force else ""
        click.echo(
            f"\nnote: this is the {hit.law.version} text; the law was revised on "
            f"{newer.adopted}{since}, and its article numbers may differ"
        )


def _no_article(kb: KnowledgeBase, law_name: str, article: str, version: str) -> str:
    """Why `law show` found nothing: no such law, no such version, or no such article."""
    titles = kb.retriever.titles
    found = titles.resolve(law_name, version)
    if found is None:
        latest = titles.resolve(law_name)
        if latest is None:
            return (
                f"no article {article} of 《{law_name}》: no law of that title "
                "(try the title with or without 中华人民共和国)"
            )
        dates = ", ".join(
            kb.index.corpus.laws[i].version or "undated" for i in titles.versions(latest)
        )
        return f"《{law_name}》 has no {version} text; its versions: {dates}"
    law = kb.index.corpus.laws[found]
    text = f"{law.version} text" if law.version else "text"
    if parse_label(article)[0] is None:
        return f"{article} is no article number: write it as 第五十七条 or 57"
    return (
        f"《{law.short}》 ({text}) has {_counted(law.article_count, 'article')} "
        f"and there is no {article}"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(law())
