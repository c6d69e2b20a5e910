"""Filing a report as a resident would."""

from __future__ import annotations

import re

from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

RECEIPT = re.compile(r"报案号：(B\d{8}-\w{6})")
REPORTER = ("王小明", "身份证", GUEST_ID, "13812345678")
PHONE = "13812345678"

#: Each template's questions answered, up to the reporter's details.
CASES: dict[str, tuple[str, ...]] = {
    "电动车/自行车被盗": (
        "电动车",
        "雅迪 白色 后座有划痕",
        "跳过",
        "3000元",
        "今天早上7点",
        "和平路1号楼下",
        "已上锁",
        "跳过",
        "跳过",
        "跳过",  # 经过及补充
        "跳过",
    ),
    "扒窃": (
        "今天上午9点",
        "3路公交车上",
        "华为手机一部 约4000元",
        "一个戴口罩的高个男子",
        "跳过",
        "跳过",  # 经过及补充
        "跳过",
    ),
    "盗窃": (
        "今天早上7点",
        "和平路1号 小卖部",
        "收银台现金约2000元",
        "早上开门发现收银台抽屉被撬",
        "跳过",
        "跳过",
        "跳过",
    ),
    "电信网络诈骗": (
        "刷单返利",
        "昨天晚上8点",
        "QQ 12345678",
        "5000元",
        "银行卡转账 收款户名张某",
        "对方让我先垫付再返佣金 后来联系不上",
        "跳过",
    ),
    "证件/车牌遗失": ("身份证", "跳过", "昨天下午3点", "人民公园", "跳过"),
    "轻微财物损坏": (
        "今天早上8点",
        "和平里5号门口",
        "汽车后视镜 约800元",
        "邻居搬家时撞坏的",
        "跳过",
        "跳过",
        "跳过",
    ),
}


def receipt_in(text: str) -> str:
    match = RECEIPT.search(text)
    assert match, text
    return match.group(1)


async def file_report(chat: Chat, kind: str = "电动车/自行车被盗") -> str:
    await chat.say(f"/报案 {kind}")
    return await chat.say_all(*CASES[kind], *REPORTER, "确认")
