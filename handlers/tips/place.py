"""Where a tip happened, read from what the resident says, wherever they say it.

- 举报 楼下有人吸毒: the place (楼下) comes before the someone (有人); it is taken as the
  answer to 地点, which had been asked although the message said it.
- 举报 小区门口: a place said alone, with nothing that happened, is the place, not the
  description (`only_a_place`).
- 菜市场门口 typed at the photo question is the answer to 地点, asked next (`at_photos`).
- 幸福里小区5栋3单元经常有人半夜吵闹, 我在菜市场门口看到他: a place named anywhere in the
  story is the answer to 地点 (`handlers.services.place_words`), not asked for again.
- 楼下, 隔壁, 对面, 我们小区: where the resident is, which the police do not know. The place
  is kept as said and the form asks which estate or building (`BUILDING`), unless skipped;
  the officer reads both (楼下（幸福里小区3号楼）).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from bot.forms import FormEnv, FormField
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.services.place_words import place_in
from handlers.tips.own_venue import parse_sighting_place
from handlers.tips.told import TOLD_WHEN, tells_what_happened
from knowledge.intent import asks

#: Words of a place (菜市场门口, 幸福路32号, 小区东门): typed at the photo question, the answer
#: to 地点, asked next. 6 digits are a rental's plate number.
_PLACE_WORDS = re.compile(
    r"门口|门前|东门|西门|南门|北门|路口|路|街|巷|弄|号|楼|小区|村|市场|商场|超市|店|馆|广场|"
    r"公园|车站|站|附近|对面|旁边|隔壁|桥|学校|医院|银行|工地|厂|大厦|停车场|地下|\d{6}"
)
#: The photo itself talked of (照片在相册里, 图发不出去): no place, whatever else it says.
ABOUT_PHOTOS = re.compile(r"照片|相片|图|拍|相册|视频|发不|传不|上传")
#: Who is told of (隔壁邻居, 那个老板): a place's words beside them name no place alone.
_SOMEONE_NAMED = re.compile(r"人|邻居|老板|房东|租客|男|女|他|她|孩子|老人")
#: A place said alone is a few words ending in what it is (小区门口, 幸福路32号, 楼下那家店);
#: 隔壁老王又在干坏事 has a place's word and is a story.
_PLACE_CHARS = 16
_PLACE_END = (
    r"(?:门口|门前|[东西南北]门|路口|路|街|巷|弄|号|楼|楼下|楼上|小区|村|市场|商场|超市|店|"
    r"馆|广场|公园|车站|站|附近|对面|旁边|隔壁|桥|学校|医院|银行|工地|厂|大厦|停车场|"
    r"地下室|车库|楼道|网吧|\d{6})"
)
_ENDS_AS_PLACE = re.compile(rf"{_PLACE_END}[\s。.！!]*$")

#: Someone seen, told after where (楼下有人…, 小区门口有个男的…).
_LEAD = r"(?:有人|有个人|有?几个(?:人|男的|女的|年轻人)|有?一伙人|有?一群人|有个男的|有个女的)"
#: What comes before where: who saw it, and when (我看到, 昨天晚上).
_SEEING = re.compile(rf"^(?:我?(?:发现|看到|看见)|就在|在)?(?:{TOLD_WHEN.pattern})?(?:就在|在)?")
#: Where, then the someone: 楼下有人吸毒, 我们小区里有个男的…, 幸福里3号楼下面有几个人….
_TOLD_AT = re.compile(
    rf"(?P<place>[^\s，,。；;！!？?]{{0,{_PLACE_CHARS}}}?{_PLACE_END}(?:下面|上面|里|内|边上)?)"
    rf"(?:\s*)(?={_LEAD})"
)

#: Where the resident is, said from there (楼下, 隔壁, 对面楼, 我们小区门口): the police do
#: not know which building that is.
_FROM_HERE = re.compile(
    r"(?:就在|在|就是)?(?:我家|我们家?|咱们?家?|俺们?家?|自家|家)?"
    r"(?:小区|楼|单元|院子?|村|楼下|楼上|楼道|隔壁|对面|门口|门前|路口|附近|旁边|后面|前面|"
    r"外面|这边|那边|车库|车棚|地下室|停车场|楼顶|天台|下面|上面|里|内|边上|的)*[\s。.！!]*"
)


def only_a_place(text: str) -> bool:
    """Whether `text`, said after 举报, names where (小区门口) and nothing that happened."""
    told = text.strip()
    return (
        len(told) <= _PLACE_CHARS
        and _ENDS_AS_PLACE.search(told) is not None
        and _SOMEONE_NAMED.search(told) is None
        and not tells_what_happened(told)
        and not asks(told)
    )


def at_photos(text: str) -> str:
    """The field a text typed at the photo question answers: the place, if it reads as one.
    A tip started from an offer (我要举报有人赌博) has a description of a few words and
    asks for photos next: the story the resident types then had been taken for the place,
    for its 楼 or 车库, and the officer never read it."""
    if ABOUT_PHOTOS.search(text) or not _PLACE_WORDS.search(text):
        return ""
    return "" if tells_what_happened(text) else "place"


def told_at(described: str, env: FormEnv) -> dict[str, Any]:
    """The place answer a description gives before the someone it tells of (楼下 of 楼下有人
    吸毒), or a place it names anywhere that can be found (`place_in`: 幸福里小区5栋, 菜市场
    门口), read as the place question would read it; none when it names none, or names
    someone as the place (隔壁邻居家有人…)."""
    seeing = _SEEING.match(described)
    rest = described[seeing.end() if seeing else 0 :]
    found = _TOLD_AT.match(rest)
    said = found["place"] if found else None
    if said is None or _SOMEONE_NAMED.search(said):
        # 幸福里小区5栋3单元经常有人…, 在菜市场门口看到他: a place named anywhere in it had
        # been asked for again, and 上面说了啊 … stored as the answer.
        said = place_in(described)
    if said is None:
        return {}
    with contextlib.suppress(Invalid):
        return {"place": parse_sighting_place(said, env)}
    return {}


def from_here(place: Any) -> bool:
    """Whether `place` (an answer to 地点) is said from where the resident is (楼下, 隔壁,
    我们小区), naming no estate or building the police could find."""
    if not isinstance(place, Mapping) or "text" not in place:
        return False  # a shared location is where it is
    typed = str(place["text"]).strip()
    return bool(typed) and _FROM_HERE.fullmatch(typed) is not None


def _near_unnamed(answers: Mapping[str, Any]) -> bool:
    return from_here(answers.get("place"))


def _parse_building(text: str, _env: FormEnv) -> str:
    value = parse_free_text(text, max_length=100)
    if _FROM_HERE.fullmatch(value.strip()):
        raise Invalid(
            "请写小区或楼栋的名字，如「幸福里小区3号楼」或「和平路12号」；不方便说可回复「跳过」。"
        )
    return value


#: Which estate or building a place said from here is in (楼下 of which building).
BUILDING = FormField(
    "building",
    "所在小区/楼栋",
    "这个位置在哪个小区、哪栋楼？请写小区名和楼号（如「幸福里小区3号楼」），民警才能找到；"
    "不方便说可回复「跳过」：",
    _parse_building,
    optional=True,
    ask_when=_near_unnamed,
    depends_on=("place",),
    aliases=("楼栋", "小区", "楼号"),
    show=lambda value: "（无）" if value in (None, "") else str(value),
)


def with_building(answers: Mapping[str, Any]) -> Any:
    """The place as the officer reads it: 楼下（幸福里小区3号楼） when a building was given
    for a place said from here."""
    place = answers.get("place")
    building = answers.get("building")
    if not building or not isinstance(place, Mapping) or not from_here(place):
        return place
    return {**place, "text": f"{place['text']}（{building}）"}


#: What a person is told by (`describes_someone`): who, how old, what they wear, how they
#: look or speak.
_LOOKS = re.compile(
    r"男的|女的|男子|女子|男人|女人|男性|女性|小伙子?|大爷|大妈|阿姨|大叔|大姐|老头|老太|年轻人|中年|"
    r"[0-9一二三四五六七八九十几]+(?:多|来)?岁|岁左右|"
    r"穿|戴|衣服|外套|上衣|裤|裙|帽|口罩|眼镜|个子|高个|矮个|胖|瘦|光头|长发|短发|头发|纹身|口音|背着?包"
)
#: Longest answer read as a person's description alone.
_SOMEONE_CHARS = 40


def describes_someone(text: str) -> bool:
    """Whether `text`, typed at the place question, describes a person (男的，三十多岁，穿黑
    衣服) and names no place: it had been kept as the place. Two marks of a person at
    least: a place may hold one in its name (胖东来)."""
    told = text.strip()
    if not told or len(told) > _SOMEONE_CHARS or _PLACE_WORDS.search(told) or asks(told):
        return False
    return len(set(_LOOKS.findall(told))) >= 2
