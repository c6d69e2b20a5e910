"""What a stored form holds of the user's own work."""

from __future__ import annotations

import json

from bot.forms.progress import Progress


def test_answers_loaded_from_a_record_are_the_users_only_once_changed() -> None:
    """/通缉 修改 N loads every answer of the card: counted as typed, an untouched edit had
    held up the next one as 「已填 15 项」."""
    progress = Progress(
        form_name="wanted",
        answers={"wanted_id": 3, "name": "乙某某", "case": "诈骗", "photos": ["a"]},
        history=["name", "case", "photos"],
        prefilled=["wanted_id"],
        loaded={"name": "乙某某", "case": "诈骗", "photos": ["a"]},
    )
    assert progress.typed() == []
    progress.forget("case")
    progress.take("case", "合同诈骗")
    assert progress.typed() == ["case"]
    # Kept and read back as JSON, as between two messages.
    assert Progress.from_json(progress.to_json()).typed() == ["case"]


def test_answers_said_by_the_user_count_as_typed() -> None:
    progress = Progress(form_name="tip", answers={"text": "楼下有人吸毒"}, history=["text"])
    assert progress.typed() == ["text"]


def test_a_form_saved_by_a_newer_replica_still_loads_with_its_answers() -> None:
    """During a rolling upgrade one replica may save a field the other does not know yet:
    the older one must go on with the user's answers, not fail the form mid-way."""
    saved = json.loads(
        Progress(form_name="guest", answers={"room": "302"}, history=["room"]).to_json()
    )
    saved["a_field_from_a_later_version"] = {"room": "302"}
    progress = Progress.from_json(json.dumps(saved, ensure_ascii=False))
    assert progress.answers == {"room": "302"}
    assert progress.history == ["room"]
