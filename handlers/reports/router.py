"""`/报案`: residents file a self-service report; officers see the queue. Plus the officers'
`/追问` and `/报案状态`."""

from __future__ import annotations

from bot.context import Context
from bot.forms import FormEngine
from bot.messages import Reply, Text
from bot.router import STAFF, AtOnce, Router
from handlers.messaging import OFFICER_REPORT, send_or_ask
from handlers.reports.form import start_report
from handlers.reports.officer import officer_view, receipt_of, set_status
from handlers.reports.pending import ADD_OFFERED_PHOTOS, add_offered_photos
from handlers.tips import held_photos


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "report",
        commands=("报案", "report"),
        keywords=("报案", "自助报案", "我要报案", "我想报案"),
        help="自助报案（电动车被盗、家中或店铺失窃、扒窃、诈骗、证件遗失等）",
        staff_help="待处理报案：/报案 查看列表，/报案 报案号 查看详情",
        daily=50,
        daily_for=STAFF,
        # A resident files a report anywhere; an officer reads reporters' IDs and phones.
        private_for=STAFF,
        # An officer's 有新报案吗 had been offered 「报案」, a tap to read their queue; a
        # resident's 报案 starts a report.
        at_once=AtOnce.SHOWN_WHEN_ASKED,
        at_once_for=STAFF,
    )
    async def report(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if ctx.role in STAFF:
            return await officer_view(ctx, args)
        await held_photos.hold_sent(ctx)  # for the kind picked next, if a menu is shown
        return await start_report(ctx, forms, args)

    @router.route(
        "report_ask",
        commands=("追问", "ask"),
        roles=STAFF,
        help="向报案人追问，如 /追问 报案号 问题（/报案 查看待处理报案）",
        topic="报案",
        passes_questions=True,  # 追问 报案号 有发票吗: the question is the argument
    )
    async def ask(ctx: Context) -> list[Reply]:
        args = (ctx.match.args if ctx.match else "").strip()
        head, _, question = args.partition(" ")
        # By number, place in the list (追问 1 …) or the number's last six.
        receipt = await receipt_of(ctx, head) if head else ""
        if isinstance(receipt, list):
            return receipt
        if not receipt:
            return [Text("请发送「/追问 报案号 问题」，如 /追问 B20261123-7K3F9Q 车是什么颜色？")]
        return await send_or_ask(
            ctx, forms, f"{OFFICER_REPORT}:{receipt}", question.strip(), f"追问报案 {receipt}："
        )

    @router.route(
        "report_status",
        commands=("报案状态", "reportstatus"),
        roles=STAFF,
        help="更新报案状态并通知报案人，如 /报案状态 报案号 已办结",
        topic="报案",
    )
    async def status(ctx: Context) -> list[Reply]:
        return await set_status(ctx, ctx.match.args if ctx.match else "")

    @router.route(
        "report_accept",
        commands=("受理",),
        roles=STAFF,
        help="受理报案并通知报案人，如 /受理 1（列表序号或报案号末6位）",
        topic="报案",
    )
    async def accept(ctx: Context) -> list[Reply]:
        args = (ctx.match.args if ctx.match else "").strip()
        ref, _, note = args.partition(" ")
        if not ref:
            return [Text("请发送「受理 报案号」，报案号也可用列表序号或末6位，如 受理 1。")]
        return await set_status(ctx, f"{ref} 已受理 {note}".strip())

    @router.route("add_photos", keywords=(ADD_OFFERED_PHOTOS,))
    async def add_photos(ctx: Context) -> list[Reply]:
        # The button under a photo sent to one's open report or tip (`pending._photo_offer`).
        return await add_offered_photos(ctx)

    return router
