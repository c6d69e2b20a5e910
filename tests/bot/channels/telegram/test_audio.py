"""Files the bot cannot read: music and documents are told what to send instead."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image as PILImage
from telegram import Animation, Audio, Document, Sticker, Video, VideoNote, Voice

from tests.bot.channels.telegram.support import RESIDENT, Telegram, group_chat
from tests.fakes.telegram_api import JSON

#: PTB's own objects, serialised as the Bot API sends them.
SONG = Audio(
    "CQACAgUAAxkBAAIBsong",
    "AgADsong",
    duration=timedelta(seconds=185),
    performer="佚名",
    title="报警录音",
    file_name="录音.mp3",
    mime_type="audio/mpeg",
    file_size=2_960_000,
)
PDF = Document(
    "BQACAgUAAxkBAAIBpdf",
    "AgADpdf",
    file_name="举报材料.pdf",
    mime_type="application/pdf",
    file_size=48_000,
)
#: An mp3 sent with 「以文件发送」: a document, not an audio.
MP3_FILE = Document(
    "BQACAgUAAxkBAAIBmp3", "AgADmp3", file_name="录音.mp3", mime_type="audio/mpeg", file_size=900
)


async def _answer(tg: Telegram, chat: JSON | None = None, **content: object) -> list[str]:
    chat_id = int((chat or RESIDENT.private_chat())["id"])
    before = len(tg.api.texts_to(chat_id))
    await tg.deliver(tg.updates.message(RESIDENT, chat, **content))
    return tg.api.texts_to(chat_id)[before:]


async def test_music_is_told_to_type_instead(tg: Telegram) -> None:
    """An audio file had got 「暂时只能处理文字、图片和位置，请换一种方式发送」, which left the
    sender guessing what to change."""
    assert await _answer(tg, audio=SONG.to_dict()) == [
        "暂时听不了音频文件，请把要说的内容打字发送。"
    ]
    assert await _answer(tg, document=MP3_FILE.to_dict()) == [
        "暂时听不了音频文件，请把要说的内容打字发送。"
    ]
    assert tg.api.called("getFile") == []  # nothing was downloaded


async def test_a_document_is_told_to_type_it_or_send_pictures_as_photos(tg: Telegram) -> None:
    assert await _answer(tg, document=PDF.to_dict()) == [
        "暂时打不开文件，请把要说的内容打字发送；如果是图片，请直接以图片发送。"
    ]
    assert tg.api.called("getFile") == []


async def test_an_image_sent_as_a_file_is_still_read(tg: Telegram) -> None:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 30, 200)).save(buffer, "PNG")
    data = buffer.getvalue()
    picture = Document(
        tg.api.add_file(data), "AgADpng", "现场.png", mime_type="image/png", file_size=len(data)
    )
    [said] = await _answer(tg, document=picture.to_dict())
    assert "已收到图片" in said


async def test_other_things_keep_the_general_answer(tg: Telegram) -> None:
    sticker = Sticker("CAACAgIAAxkBAAIBst", "AgADst", 512, 512, False, False, "regular")
    assert await _answer(tg, sticker=sticker.to_dict()) == [
        "暂时只能处理文字、图片和位置，请换一种方式发送。"
    ]


async def test_a_video_without_words_is_told_it_cannot_be_seen_and_what_to_send(
    tg: Telegram,
) -> None:
    """A video had got the generic 「暂时只能处理文字、图片和位置」, and a round video note
    「暂时听不了语音」, as if it were a voice message."""
    clip = Video("BAACAgUAAxkBAAIBvideo", "AgADvideo", 640, 360, timedelta(seconds=12))
    note = VideoNote("DQACAgUAAxkBAAIBnote", "AgADnote", 240, timedelta(seconds=5))
    gif = Animation("CgACAgUAAxkBAAIBgif", "AgADgif", 320, 240, timedelta(seconds=3))
    gif_file = Document("CgACAgUAAxkBAAIBgif", "AgADgif", "gif.mp4", mime_type="video/mp4")
    movie = Document("BQACAgUAAxkBAAIBmp4", "AgADmp4", "现场.mp4", mime_type="video/mp4")
    for content in (
        {"video": clip.to_dict()},
        {"video_note": note.to_dict()},
        {"animation": gif.to_dict(), "document": gif_file.to_dict()},
        {"document": movie.to_dict()},  # sent as a file
    ):
        assert await _answer(tg, **content) == [
            "暂时看不了视频，请把视频里的情况打字说明，或截图以图片发送。"
        ], content
    assert tg.api.called("getFile") == []  # nothing was downloaded
    assert await _answer(tg, group_chat(), video=clip.to_dict()) == []


async def test_a_file_in_a_group_gets_no_answer(tg: Telegram) -> None:
    """Members share files with each other in a group: the bot says nothing about them."""
    group = group_chat()
    assert await _answer(tg, group, document=PDF.to_dict()) == []
    assert await _answer(tg, group, audio=SONG.to_dict()) == []


async def test_a_file_with_a_caption_is_said_unheard_and_the_caption_answered(
    tg: Telegram,
) -> None:
    """A voice or music file with words under it: the words were answered as if the file
    had been heard (or, for words the bot has nothing to say to, nothing was said)."""
    voice = Voice("AwACAgUAAxkBAAIBvoice", "AgADvoice", duration=timedelta(seconds=9))
    for content in ({"voice": voice.to_dict()}, {"audio": SONG.to_dict()}):
        said = "\n".join(await _answer(tg, caption="帮助", **content))
        assert said.startswith(
            "暂时听不了语音和音频，只读取了随附的文字；音频里要说的内容请打字发送。"
        )
        assert "法律问题直接发来即可" in said  # 帮助 is answered too
    said = "\n".join(await _answer(tg, caption="帮助", document=PDF.to_dict()))
    assert said.startswith("暂时打不开文件，只读取了随附的文字") and "法律问题直接发来即可" in said
    assert tg.api.called("getFile") == []


async def test_a_video_or_gif_with_a_caption_is_said_unseen_and_the_caption_answered(
    tg: Telegram,
) -> None:
    """A video or a GIF with words under it: the words were answered as if it had been seen,
    or, for words the bot has nothing to say to, the whole message vanished."""
    clip = Video("BAACAgUAAxkBAAIBvideo", "AgADvideo", 640, 360, timedelta(seconds=12))
    note = VideoNote("DQACAgUAAxkBAAIBnote", "AgADnote", 240, timedelta(seconds=5))
    gif = Animation("CgACAgUAAxkBAAIBgif", "AgADgif", 320, 240, timedelta(seconds=3))
    # The Bot API sends a GIF as an animation and as the mp4 document it is.
    gif_file = Document("CgACAgUAAxkBAAIBgif", "AgADgif", "gif.mp4", mime_type="video/mp4")
    for content in (
        {"video": clip.to_dict()},
        {"video_note": note.to_dict()},
        {"animation": gif.to_dict(), "document": gif_file.to_dict()},
    ):
        said = "\n".join(await _answer(tg, caption="帮助", **content))
        assert said.startswith("暂时看不了视频和动图，只读取了随附的文字")
        assert "法律问题直接发来即可" in said  # 帮助 is answered too
    assert tg.api.called("getFile") == []
    said = await _answer(tg, group_chat(), caption="/help", video=clip.to_dict())
    assert said and not any("暂时" in s for s in said)


async def test_a_file_with_a_caption_in_a_group_is_not_remarked_on(tg: Telegram) -> None:
    """Members share files with each other in a group: only the words may be for the bot."""
    said = await _answer(tg, group_chat(), caption="/help", audio=SONG.to_dict())
    assert said and not any("暂时" in s for s in said)


async def test_a_file_sent_alone_or_with_words_is_named_alike(tg: Telegram) -> None:
    """Each file the bot does not read is named the same way whether it comes alone or
    with words under it (an mp3 or an mp4 sent as a file, too)."""
    movie = Document("BQACAgUAAxkBAAIBmp4", "AgADmp4", "现场.mp4", mime_type="video/mp4")
    voice = Voice("AwACAgUAAxkBAAIBvoice", "AgADvoice", duration=timedelta(seconds=9))
    for content, alone, with_words in (
        (
            {"voice": voice.to_dict()},
            "暂时听不了语音，",
            "暂时听不了语音和音频，只读取了随附的文字",
        ),
        ({"document": MP3_FILE.to_dict()}, "暂时听不了音频文件", "暂时听不了语音和音频，只读取"),
        ({"document": movie.to_dict()}, "暂时看不了视频，", "暂时看不了视频和动图，只读取"),
        ({"document": PDF.to_dict()}, "暂时打不开文件，请把", "暂时打不开文件，只读取了随附的文字"),
    ):
        [said] = await _answer(tg, **content)
        assert said.startswith(alone), content
        said = "\n".join(await _answer(tg, caption="帮助", **content))
        assert said.startswith(with_words) and "法律问题直接发来即可" in said, content
    assert tg.api.called("getFile") == []
