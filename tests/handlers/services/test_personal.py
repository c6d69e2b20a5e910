"""What a registration stores of a person's identity, as a reader without the keys sees it."""

from __future__ import annotations

from datetime import date

from bot.context import Services
from bot.validators.idcard import parse_resident_id
from handlers.services.personal import PersonData, seal
from tests.support.id_candidates import candidates
from tests.support.seed import GUEST_ID


async def test_a_stored_row_does_not_narrow_the_id_number_to_a_handful(services: Services) -> None:
    """The stored mask kept the area prefix (1101**********245X); with the plain birth date
    and sex beside it, 9 numbers were left to try. Only the tail is kept now."""
    resident = parse_resident_id(GUEST_ID, today=date(2026, 11, 30))
    person = PersonData(
        name="王小明",
        doc_type="resident_id",
        doc_no=GUEST_ID,
        sex=resident.sex.label,  # as the registration form stores it
        birth_date=resident.birth_date,
    )
    values = seal(services, person, "guest_stay")
    assert values["doc_no_masked"] == "**************245X"
    assert GUEST_ID not in str(values)
    assert candidates(values["doc_no_masked"], values["birth_date"], values["sex"]) > 10_000
