"""`jingmin watchlist import FILE.csv [--photos DIR]`: load wanted persons, updating those
already known.

The header must name the document-number column, and every column must be one this
importer knows (under any of its names in `ALIASES`): a column it could not read would
otherwise be dropped without a word, and people imported without their number never hit.

A row with a document number updates the person already stored with that number, but only
with the cells it fills: a column the file lacks, an empty cell or a missing --station keeps
what is stored, so importing the same file twice changes nothing (a row without a number
is the person stored under its name and birth date). A second row with a number already in
the file is rejected, naming the first, even when the first is rejected for another cell.
A stored person the file gives another name is renamed, and the summary says so. A closed
card (captured, revoked) that the file names again is active again: the file is the list of
who is wanted. The 照片 column names files in the photos folder (several separated by ";"),
and a file naming photos without that folder is refused whole; each is shrunk when larger
than a chat may send, and kept without its metadata, like any photo. A person added gets
an "imported" history entry, a person changed an "updated" one with the old and new values;
an unchanged row gets none. The import as a whole gets an audit event naming the cards it
wrote and the file's digest.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.forms import FormEnv
from bot.media import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MediaError, MediaStore, shrunk
from bot.validators import Invalid
from bot.validators.documents import DocumentType, parse_document_type, parse_wanted_number
from bot.validators.idcard import parse_resident_id
from bot.validators.masking import mask_id_number, mask_name, mask_stored_id_number
from handlers.services.audit_log import Subject, import_detail, joined_ids
from handlers.services.csv_rows import CsvError, ImportReport, check_columns, read_rows
from handlers.services.numbers import wanted_number
from handlers.services.personal import DOC_NO, NAME
from handlers.services.photos import dump, keep_clean
from handlers.services.staying_hits import match_staying
from handlers.wanted.form import parse_birth_or_age, split_birth
from handlers.wanted.history import difference, sealed_detail, shown, snapshot
from handlers.wanted.photo_sealing import seal_internal_photos
from storage.models import AuditEvent, Visibility, WantedChange, WantedPerson, WantedStatus
from storage.wanted_sealing import sealed_values

#: Each column's canonical (English) name -> the headings read as it, the first one the
#: name the messages use. Headings are matched after trimming, English ones in any case.
ALIASES = {
    "name": ("姓名", "名字", "人员姓名", "嫌疑人姓名"),
    "doc_type": ("证件类型", "证件种类"),
    "doc_no": (
        "证件号码",
        "身份证号码",
        "身份证号",
        "证件号",
        "身份证",
        "公民身份号码",
        "身份号码",
        "id_no",
        "id_number",
    ),
    "birth_date": ("出生日期", "出生年月日", "生日"),
    "age": ("年龄", "大致年龄"),
    "sex": ("性别",),
    "aliases": ("别名", "绰号", "外号", "化名", "曾用名"),
    "height": ("身高",),
    "build": ("体型", "体态"),
    "accent": ("口音",),
    "marks": ("体貌特征", "特征", "体表特征"),
    "case": ("案由", "简要案情", "案情", "涉嫌罪名"),
    "issuing_unit": ("发布单位", "立案单位", "通缉单位", "承办单位"),
    "reward": ("悬赏", "悬赏金额"),
    "contact": ("联系方式", "联系电话"),
    "photo": ("照片", "相片"),
    "visibility": ("可见范围", "公开"),
}
_VISIBILITY = {
    "internal": Visibility.INTERNAL,
    "内部": Visibility.INTERNAL,
    "public": Visibility.PUBLIC,
    "公开": Visibility.PUBLIC,
}
#: Plain text columns: CSV column -> (stored field, longest kept).
_TEXT = {
    "doc_type": ("doc_type", 32),
    "sex": ("sex", 2),
    "height": ("height", 20),
    "build": ("build", 20),
    "accent": ("accent", 40),
    "marks": ("marks", 200),
    "case": ("case_summary", 500),
    "issuing_unit": ("issuing_unit", 200),
    "reward": ("reward", 100),
    "contact": ("contact", 100),
}
#: Written when a person is added; on re-import the row was found by this very number.
_NUMBER_FIELDS = ("doc_no_enc", "doc_no_idx", "doc_no_masked")
#: Document types whose numbers are 18-digit resident numbers, checked in full.
_RESIDENT_TYPES = (DocumentType.RESIDENT_ID, DocumentType.RESIDENCE_PERMIT)
_RESIDENT_SHAPE = re.compile(r"\d{17}[\dX]")
BATCH = 2000
#: Stored persons loaded at once to compare a re-import with (bound parameters per query).
_LOAD = 500


@dataclass
class WatchlistReport(ImportReport):
    #: Rows for a stored person that changed nothing (no write, no history).
    unchanged: int = 0
    #: (line, note) of each stored person the file gave another name: said, not refused (a
    #: corrected name is an ordinary update), since it may be a second person's row.
    renamed: list[tuple[int, str]] = field(default_factory=list)
    #: Hits on people staying now of the persons added, reopened or changed: each alerted
    #: to its beat's officers, as a registration's hit is.
    hits: int = 0

    def counts(self) -> list[str]:
        added, updated, rejected = super().counts()
        renamed = [f"renamed {len(self.renamed)}"] if self.renamed else []
        hits = (
            [f"hits on people staying now {self.hits} (beat officers alerted)"] if self.hits else []
        )
        return [added, updated, *renamed, f"unchanged {self.unchanged}", rejected, *hits]

    def listed(self) -> list[tuple[list[tuple[int, str]], str]]:
        return [(self.errors, ""), (self.renamed, " renamed")]


def check_header(path: Path, photos_dir: Path | None) -> None:
    """Refuse a file whose header has a column this importer does not know, names one column
    twice, or lacks the document number: its rows would import wrong without a word. Refuse
    one naming photos when no --photos folder holds them: every row with a photo had been
    rejected alone while the rows without one were written."""
    columns = check_columns(path, ALIASES)
    if "doc_no" not in columns:
        synonyms = "/".join(ALIASES["doc_no"][:4])
        raise CsvError(
            f"{path}: no 证件号码 column ({synonyms}/doc_no): without it no one imported "
            "can ever be a hit; add it (cells may be empty)"
        )
    if photos_dir is None and "photo" in columns:
        named = next((line for line, row in read_rows(path, ALIASES, ()) if row.get("photo")), 0)
        if named:
            raise CsvError(
                f"{path}: the 照片 column names photos (first on line {named}) but no --photos "
                "folder was given; run again with --photos DIR, the folder holding them"
            )


class PhotoFolder:
    """The folder named by --photos: files in it only, each kept clean once."""

    def __init__(self, root: Path | None, store: MediaStore) -> None:
        self.root = root.resolve() if root else None
        self.store = store

    def keep(self, names: str) -> list[str]:
        kept: list[str] = []
        problems: list[str] = []
        for name in (n.strip() for n in names.replace("|", ";").split(";")):
            if not name:
                continue
            assert self.root is not None, "check_header refuses photos without a folder"
            path = (self.root / name).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                problems.append(f"照片 {name!r} is not a file in {self.root}")
                continue
            try:
                kept.append(keep_clean(self.store, _fitted(path.read_bytes())))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                problems.append(f"照片 {name!r} is over {Image.MAX_IMAGE_PIXELS:,} pixels")
            except (MediaError, OSError, ValueError):
                # The media store's words are for a chat (请重新发送): a CLI says its own.
                problems.append(f"照片 {name!r} is not a JPEG, PNG, GIF or WebP picture")
        if problems:
            raise ValueError("; ".join(problems))
        return kept


def _fitted(data: bytes) -> bytes:
    """A scan or camera original as large as the media store takes from a chat: IT gets
    photos at any size, and shrinking them is the importer's job, not theirs. Pictures past
    Pillow's decompression-bomb limit are refused (`Image.DecompressionBombWarning`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            if len(data) <= MAX_IMAGE_BYTES and image.width * image.height <= MAX_IMAGE_PIXELS:
                return data
            picture = shrunk(image)
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _birth(today: date, services: Services, row: dict[str, str]) -> tuple[date | None, str]:
    birth, age = row.get("birth_date", ""), row.get("age", "")
    if birth:
        try:
            return date.fromisoformat(birth), ""
        except ValueError:
            raise ValueError(f"出生日期 {birth!r} is not YYYY-MM-DD") from None
    try:
        return split_birth(parse_birth_or_age(age, FormEnv({}, today, services.clock())))
    except Invalid:
        raise ValueError(f"年龄 {age!r} is not an age like 35, 30-40 or 30多岁") from None


def _doc_no(text: str, doc_type: str, today: date) -> str:
    """The number as registrations carry it; a resident number must pass the same checks as
    on the registration form (a wrong check digit can never match one)."""
    try:
        number = parse_wanted_number(text)
        if _RESIDENT_SHAPE.fullmatch(number) and _is_resident_type(doc_type):
            parse_resident_id(number, today=today)
    except Invalid as exc:
        raise ValueError(f"证件号码 {mask_id_number(text)}: {exc}") from None
    return number


def _is_resident_type(doc_type: str) -> bool:
    if not doc_type:
        return True  # the default, 居民身份证
    try:
        return parse_document_type(doc_type) in _RESIDENT_TYPES
    except Invalid:
        return False  # a type of its own: its number is kept as the file has it


def _given(
    services: Services, row: dict[str, str], photos: PhotoFolder, today: date
) -> dict[str, Any]:
    """The stored fields a row's non-empty cells set. Raises ValueError naming every problem
    of the row."""
    values: dict[str, Any] = {}
    problems: list[str] = []

    def check(read: Callable[[], None]) -> None:
        try:
            read()
        except ValueError as exc:
            problems.append(str(exc))

    def name() -> None:
        given = row.get("name", "")
        if not given or len(given) > 64:
            raise ValueError("姓名 is empty or longer than 64 characters")
        values.update(name=given, name_idx=services.blind_index(given, NAME))

    def doc_no() -> None:
        if row.get("doc_no"):
            number = _doc_no(row["doc_no"], row.get("doc_type", ""), today)
            values.update(
                doc_no_enc=services.cipher.encrypt(number, "wanted_person.doc_no"),
                doc_no_idx=services.blind_index(number, DOC_NO),
                doc_no_masked=mask_stored_id_number(number),
            )

    def birth() -> None:
        if row.get("birth_date") or row.get("age"):
            values["birth_date"], values["age_range"] = _birth(today, services, row)

    def visibility() -> None:
        if row.get("visibility"):
            found = _VISIBILITY.get(row["visibility"].lower())
            if found is None:
                raise ValueError("可见范围 must be 内部/internal or 公开/public")
            values["visibility"] = found

    def photo() -> None:
        if row.get("photo"):
            values["photos"] = dump(photos.keep(row["photo"]))

    for read in (name, doc_no, birth, visibility, photo):
        check(read)
    if problems:
        raise ValueError("; ".join(problems))
    for column, (stored, limit) in _TEXT.items():
        if row.get(column):
            values[stored] = row[column][:limit]
    aliases = "、".join(a for a in row.get("aliases", "").replace("，", "、").split("、") if a)
    if aliases:
        values["aliases"] = aliases[:200]
    return values


async def import_watchlist(
    session: AsyncSession,
    services: Services,
    path: Path,
    on_progress: Callable[[int], None] = lambda _n: None,
    *,
    photos_dir: Path | None = None,
    station_id: int | None = None,
) -> WatchlistReport:
    """Read every row first (a bad row is reported, not fatal), then write in batches.
    `station_id`: the station whose officers rotate these cards (None: every station for a
    person added, the stored station kept for one updated).

    Raises `CsvError` for a file that cannot be read as a whole (see `check_header`)."""
    check_header(path, photos_dir)
    report = WatchlistReport()
    photos = PhotoFolder(photos_dir, MediaStore(Path(services.settings.storage.media_dir)))
    today = services.clock().astimezone(services.settings.zone).date()
    station = {} if station_id is None else {"station_id": station_id}
    fresh: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    without_doc_no: list[dict[str, Any]] = []
    for line, row in read_rows(path, ALIASES, required=("name", "doc_no")):
        on_progress(1)
        # The number is claimed before any other cell is read: a first row rejected for its
        # age had let the second through, and once the first was fixed it updated that
        # card (one card, two people). Two rows for one number are two versions of one
        # card: which one is right is the officer's call, not the import's.
        claimed = _claimed(services, row, today)
        if claimed is not None:
            idx, masked = claimed
            if idx in first_line:
                report.errors.append(
                    (
                        line,
                        f"证件号码 {masked} is also on line {first_line[idx]}: "
                        "keep one row per person (this row was not imported)",
                    )
                )
                continue
            first_line[idx] = line
        try:
            values = {**_given(services, row, photos, today), **station}
        except ValueError as exc:
            report.errors.append((line, str(exc)))
            continue
        if values.get("doc_no_idx"):
            fresh[str(values["doc_no_idx"])] = values
        else:
            without_doc_no.append(values)
    known = await _known_ids(session)
    found = {known[idx]: values for idx, values in fresh.items() if idx in known}
    # Without a number, a person is the one stored under the same name and birth date.
    unnumbered = await _known_without_number(session)
    inserts = [_new(services, v) for idx, v in fresh.items() if idx not in known]
    for values in without_doc_no:
        same = unnumbered.get((values.get("name_idx"), values.get("birth_date")))
        if same is None:
            inserts.append(_new(services, values))
        else:
            found[same] = {**found.get(same, {}), **values}
    updates, report.unchanged = await _changes(session, services, found)
    lines = {known[idx]: first_line[idx] for idx in fresh if idx in known}
    report.renamed = [
        (lines.get(values["id"], 0), _renamed(values["id"], detail["name"]))
        for values, detail in updates
        if "name" in detail
    ]
    for start in range(0, len(updates), BATCH):
        changes = updates[start : start + BATCH]
        sealed = [sealed_values(services.cipher, values) for values, _ in changes]
        await session.exec(update(WantedPerson), params=sealed)
        await _history(session, services, "updated", [(v["id"], d) for v, d in changes])
    added_ids: list[int] = []
    for start in range(0, len(inserts), BATCH):
        batch = inserts[start : start + BATCH]
        # In parameter order, so each history row names the person it was written for.
        added = insert(WantedPerson).returning(col(WantedPerson.id), sort_by_parameter_order=True)
        params = [sealed_values(services.cipher, values) for values in batch]
        ids = [row[0] for row in (await session.exec(added, params=params)).all()]
        added_ids += ids
        await _history(
            session,
            services,
            "imported",
            [(i, difference({}, shown(v))) for i, v in zip(ids, batch, strict=True)],
        )
    report.updated, report.added = len(updates), len(inserts)
    # Those added, reopened or changed may be staying somewhere now: matched at once, in
    # this transaction, not at their next registration.
    touched = [values["id"] for values, _ in updates] + added_ids
    report.hits = len(await match_staying(session, services, touched))
    # Which cards the import wrote, not only how many: the ids that fit as the subject
    # (/审计 通缉12 finds it), all of them as ranges in the detail, with the file's digest
    # to tell which batch it was.
    written = sorted([values["id"] for values, _ in updates] + added_ids)
    _kind, subject_ids = joined_ids([Subject("wanted_person", str(i)) for i in written])
    session.add(
        AuditEvent(
            at=services.clock(),
            action="wanted:import",
            subject_kind="wanted_person",
            subject_id=subject_ids,
            detail=import_detail(
                _digest(path),
                added=report.added,
                updated=report.updated,
                unchanged=report.unchanged,
                rejected=len(report.errors),
                ids=written,
            ),
        )
    )
    await session.commit()
    if photos_dir is not None:
        # Internal cards' photos are sealed at rest, as the form's are (photo_sealing).
        await seal_internal_photos(services)
    return report


def _digest(path: Path) -> str:
    """The file's batch name in the audit log: the head of its SHA-256, which names no one."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _claimed(services: Services, row: dict[str, str], today: date) -> tuple[str, str] | None:
    """(blind index, masked) of the row's document number as registrations carry it, or None
    without a usable one (a number that cannot be read is the row's own error). Masked as
    the card stores and lists it (**************3314): the report named it by its head as
    well (4403**********3314), the part the stored mask leaves out."""
    if not row.get("doc_no"):
        return None
    try:
        number = _doc_no(row["doc_no"], row.get("doc_type", ""), today)
    except ValueError:
        return None
    return services.blind_index(number, DOC_NO), mask_stored_id_number(number)


def _renamed(wanted_id: int, names: list[str]) -> str:
    # Names masked: the summary may end up in a log; the card's history has them whole.
    old, new = (mask_name(n) for n in names)
    return (
        f"{wanted_number(wanted_id)} was stored as {old} and is now {new} (same 证件号码); "
        f"if these are two people, fix the number and see /通缉 记录 {wanted_id}"
    )


def _new(services: Services, given: dict[str, Any]) -> dict[str, Any]:
    """Every column of a person added: what the row gave, the rest as a new card has it."""
    now = services.clock()
    blank = WantedPerson(name="", name_idx="").model_dump(exclude={"id"})
    return {**blank, **given, "created_at": now, "updated_at": now}


async def _changes(
    session: AsyncSession, services: Services, found: dict[int, dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, list[str]]]], int]:
    """For the stored persons a file names (id -> the fields its row gave): the UPDATE
    parameters and history detail of each that differs, and how many did not."""
    changed: list[tuple[dict[str, Any], dict[str, list[str]]]] = []
    unchanged, now = 0, services.clock()
    ids = list(found)
    for start in range(0, len(ids), _LOAD):
        stored = await session.exec(
            select(WantedPerson).where(col(WantedPerson.id).in_(ids[start : start + _LOAD]))
        )
        for person in stored.all():
            assert person.id is not None
            # The file is the list of who is wanted: a closed card it names again reopens.
            given = {**found[person.id], "status": WantedStatus.ACTIVE}
            new = {
                k: v
                for k, v in given.items()
                if k not in _NUMBER_FIELDS and getattr(person, k) != v
            }
            before = snapshot(person)
            session.expunge(person)  # read only: the UPDATE below writes it
            if not new:
                unchanged += 1
                continue
            detail = difference(before, {**before, **shown(new)})
            changed.append(({"id": person.id, **new, "updated_at": now}, detail))
    return changed, unchanged


async def _history(
    session: AsyncSession,
    services: Services,
    action: str,
    rows: list[tuple[int, dict[str, list[str]]]],
) -> None:
    if not rows:
        return
    now = services.clock()
    await session.exec(
        insert(WantedChange),
        params=[
            {
                "wanted_id": wanted_id,
                "at": now,
                "person_id": None,
                "action": action,
                "detail": sealed_detail(services.cipher, detail),
            }
            for wanted_id, detail in rows
        ],
    )


async def _known_without_number(session: AsyncSession) -> dict[tuple[Any, Any], int]:
    """(name's blind index, birth date) -> row id of the persons stored without a number."""
    rows = await session.exec(
        select(
            col(WantedPerson.name_idx), col(WantedPerson.birth_date), col(WantedPerson.id)
        ).where(col(WantedPerson.doc_no_idx).is_(None))
    )
    return {(name, born): id_ for name, born, id_ in rows.all() if id_ is not None}


async def _known_ids(session: AsyncSession) -> dict[str, int]:
    """Blind index of each stored document number -> row id (one index scan)."""
    rows = await session.exec(
        select(WantedPerson.doc_no_idx, WantedPerson.id).where(
            col(WantedPerson.doc_no_idx).is_not(None)
        )
    )
    return {idx: id_ for idx, id_ in rows.all() if idx is not None and id_ is not None}
