"""Who a companion is to the guest before them, as the 同住关系 of the companion."""

from __future__ import annotations

from handlers.registration.relations import relation_said


def test_the_words_are_turned_to_who_stays_with_the_companion() -> None:
    assert relation_said("他儿子") == "父亲"
    assert relation_said("她女儿") == "母亲"
    assert relation_said("孩子") == "父母"
    assert relation_said("他老婆") == "配偶"
    assert relation_said("她老公是") == "配偶"
    assert relation_said("他妈") == "子女"
    assert relation_said("同事") == "同事"
    assert relation_said("王小明") == "" and relation_said("小孩5岁没身份证") == ""
