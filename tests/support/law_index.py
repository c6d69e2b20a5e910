"""Law index fixtures: a real index built once per test process from a small part of the
corpus. `tests/conftest.py` imports the fixtures, so that there is one definition of each:
a module importing a session fixture itself defines it anew, and built the index again.

The corpus lives outside the repository (`../shared/laws`, or `JINGMIN_LAWS_DIR`); tests
that need it are skipped with a reason when it is absent.  No statute text is copied into
the repository: the subset is copied into a temporary folder at run time.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from knowledge.base import KnowledgeBase
from knowledge.importer import import_laws
from knowledge.paths import laws_dir

# About twenty files: the laws the FAQ and the chat answers lean on most, a law with two
# dated versions, an amendment, a judicial interpretation and an _index.md to skip.
SUBSET = (
    "刑法/_index.md",
    "刑法/刑法.md",
    "刑法/刑法修正案（十一）.md",
    "民法典/总则.md",
    "民法典/物权编.md",
    "民法典/合同编.md",
    "民法典/人格权编.md",
    "民法典/婚姻家庭编.md",
    "民法典/继承编.md",
    "民法典/侵权责任编.md",
    "民法典/附则.md",
    "行政法/治安管理处罚法(2012-10-26).md",
    "行政法/消防法(2021-04-29).md",
    "行政法规/旅馆业治安管理办法(2020-11-29).md",
    "行政法规/居住证暂行条例(2015-11-26).md",
    "诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
    "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "社会法/反电信网络诈骗法(2022-09-02).md",
    "司法解释/最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释(2013-04-02).md",
)


def corpus_root() -> Path:
    root = laws_dir()
    if not root.is_dir():
        pytest.skip(f"statute corpus not found at {root} (set JINGMIN_LAWS_DIR)")
    return root


@pytest.fixture(scope="session")
def laws_root() -> Path:
    return corpus_root()


def copy_laws(laws_root: Path, names: Iterable[str], target: Path) -> Path:
    """`names` (paths below the corpus root) copied into `target`; skipped when one is
    missing from this copy of the corpus."""
    for name in names:
        source = laws_root / name
        if not source.is_file():
            pytest.skip(f"corpus file missing: {name}")
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / name)
    return target


def build_index(laws: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the statute files in `laws`, in a temporary folder."""
    target = tmp_path_factory.mktemp("index") / "law-index"
    import_laws(laws, target, console=Console(quiet=True))
    return target


def kb_of(
    laws_root: Path, names: Iterable[str], tmp_path_factory: pytest.TempPathFactory
) -> KnowledgeBase:
    """A knowledge base of just these statute files (no FAQ), for tests of what a few
    laws answer."""
    laws = copy_laws(laws_root, names, tmp_path_factory.mktemp("laws"))
    return KnowledgeBase.load(build_index(laws, tmp_path_factory), faq_dirs=[])


@pytest.fixture(scope="session")
def subset_dir(laws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_laws(laws_root, SUBSET, tmp_path_factory.mktemp("laws"))


@pytest.fixture(scope="session")
def index_path(subset_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(subset_dir, tmp_path_factory)


@pytest.fixture(scope="session")
def kb(index_path: Path) -> Iterator[KnowledgeBase]:
    yield KnowledgeBase.load(index_path, faq_dirs=[])


#: A statute and the lawyers' guide filed beside the statutes (其他/), which ranks first
#: for 加班不给加班费.
LABOUR = ("社会法/劳动合同法(2012-12-28).md", "其他/劳动仲裁和劳动诉讼的攻略.md")


@pytest.fixture(scope="session")
def labour_index(laws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(
        copy_laws(laws_root, LABOUR, tmp_path_factory.mktemp("laws")), tmp_path_factory
    )
