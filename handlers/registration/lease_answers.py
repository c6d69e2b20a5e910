"""The answer to 续租's own question (请写明新的到期日期) typed instead of pressed.

The question offers 续半年 and 续一年 as buttons, but landlords type the new end as they
say it: 续到明年年底, 续租到明年底, 续一年, 12月31日. Those had got 没有理解 (the question
took only 「续租 1 日期」 typed whole). While its buttons are the last ones shown, a message
that names a lease's new end (`lease_end.new_end`, the same reading as 续租's) is read as
续租 of that tenant, as `extend_answers` reads 续住's.
"""

from __future__ import annotations

import re

from bot.forms.clock import local_time
from handlers.registration.lease_end import COMMAND, LENGTHS, says_new_end
from handlers.registration.typed_answers import typed_answers

#: The question's first button: /续租 #12 半年.
_LENGTH_BUTTON = re.compile(rf"/{COMMAND} #(?P<tenancy>\d+) {LENGTHS[0]}")

with_lease_end_answers = typed_answers(
    lambda text, ctx: text if says_new_end(text, local_time(ctx).date()) else None,
    _LENGTH_BUTTON,
    lambda asked, said: f"/{COMMAND} #{asked['tenancy']} {said}",
)
