"""`/任务`, `/完成`, and tasks other features make through `create_task`."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.risk.ruleset import load_rule_set
from handlers.services.tasks import TaskError, create_task
from scheduler.jobs.visits import plan_visits
from storage.models import Task, TaskStatus, WorkLog
from tests.handlers.test_hits import REGISTER_WANTED
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded


async def test_add_list_and_complete(officer_chat: Chat, services: Services) -> None:
    assert "目前没有待办任务" in await officer_chat.say("/任务")
    added = await officer_chat.say("/任务 新增 走访 200001 租客王某 明天")
    assert "#1【走访】走访 200001 租客王某　截止 明天" in added
    await officer_chat.say("/任务 新增 整理台账")
    listing = await officer_chat.say("/任务")
    assert listing.index("#1") < listing.index("#2【其他】整理台账　无截止日期")
    assert "没有编号为 9" in await officer_chat.say("/完成 9")
    assert "任务 #1 已完成" in await officer_chat.say("/完成 1 租客已登记")
    assert "没有编号为 1" in await officer_chat.say("/完成 1")
    async with services.sessions() as session:
        task = await session.get(Task, 1)
        work = (await session.exec(select(WorkLog.action).order_by(col(WorkLog.id)))).all()
    assert task is not None and task.status is TaskStatus.DONE and task.done_note == "租客已登记"
    assert task.venue_id is not None  # the plate linked the rental
    assert work == ["task.add", "task.add", "task.done"]


async def test_an_officer_types_the_command_and_its_action_as_one_word(
    officer_chat: Chat,
) -> None:
    # 任务新增 from a Chinese keyboard, no slash, no space: it had been read as a legal question.
    added = await officer_chat.say("任务新增 回访幸福里3号房东 周五")
    assert "#1" in added and "回访幸福里3号房东" in added and "截止" in added
    moved = await officer_chat.say("任务改期 1 下周一")
    assert "已改期" in moved


async def test_a_task_whose_words_ask_is_added_whole(officer_chat: Chat) -> None:
    """任务 新增 核查幸福里3号是否有人居住 was taken for a question (是否): it got an offer of
    「任务 3」, or the statutes, and no task."""
    added = await officer_chat.say("任务 新增 核查幸福里3号是否有人居住")
    assert "#1【核查】核查幸福里3号是否有人居住　无截止日期" in added
    added = await officer_chat.say("任务 新增 确认房东是否登记租客 明天")
    assert "#2" in added and "确认房东是否登记租客　截止 明天" in added
    assert "新增任务" in await officer_chat.say("任务 怎么加")


async def test_a_task_whose_words_ask_is_added_when_the_action_is_glued(
    officer_chat: Chat,
) -> None:
    """任务新增 核查幸福里3号是否有人居住 (no space after 任务) got 「您是想「任务 3」吗？」:
    the question word was read as a question about 任务, though 新增 says what follows."""
    added = await officer_chat.say("任务新增 核查幸福里3号是否有人居住")
    assert "#1【核查】核查幸福里3号是否有人居住　无截止日期" in added


async def test_a_task_as_voice_input_writes_it(officer_chat: Chat) -> None:
    """新增任务：走访幸福里3号房东，后天 lost the task to an offer of 「任务」; /任务 新增：整理
    台账 kept the colon as the task's first character (and its kind 其他); 完成 二 asked for
    a number."""
    added = await officer_chat.say("新增任务：走访幸福里3号房东，后天")
    assert "#1【走访】走访幸福里3号房东　截止 后天（11月25日）" in added
    assert "#2【其他】整理台账　无截止日期" in await officer_chat.say("/任务 新增：整理台账")
    assert "任务 #2 已完成" in await officer_chat.say("完成 二 已整理，无问题")


async def test_several_tasks_are_completed_at_once(officer_chat: Chat) -> None:
    """/完成 1 2 had completed #1 with 「2」 as its note."""
    await officer_chat.say_all("/任务 新增 走访 和平里", "/任务 新增 整理台账")
    done = await officer_chat.say("/完成 1、2 已办")
    assert "任务 #1 已完成" in done and "任务 #2 已完成" in done
    assert "目前没有待办任务" in await officer_chat.say("/任务")


async def test_beat_tasks_are_for_the_beat_only(
    officer_chat: Chat, services: Services, seeded: Seeded, dispatcher: Dispatcher, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        subject, due = "检查平安旅馆消防", date(2026, 11, 22)
        await create_task(
            session,
            beat_id=seeded.beat.id,
            kind="inspect",
            subject=subject,
            due=due,
            source="test",
            now=clock.now,
        )
        await session.commit()
    assert "检查平安旅馆消防　截止 11月22日（逾期1天）" in await officer_chat.say("/任务")
    await add_second_beat_officer(services, seeded)
    colleague = Chat(dispatcher, "officer-2")
    assert "目前没有待办任务" in await colleague.say("/任务")
    assert "没有编号为 1" in await colleague.say("/完成 1")


async def test_generated_tasks_are_made_once(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        facts = {"kind": "visit", "subject": "走访", "due": None, "source": "rule"}
        officer = seeded.officer.id
        first = await create_task(session, officer_id=officer, **facts, now=clock.now, key="v:1")
        again = await create_task(session, officer_id=officer, **facts, now=clock.now, key="v:1")
        assert first.id == again.id and first.beat_id == seeded.beat.id
        with pytest.raises(TaskError):
            await create_task(session, **facts, now=clock.now)


async def test_a_watchlist_hit_asks_the_beat_to_verify(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    listing = await officer_chat.say("/任务")
    assert "【核查】核查比中 #1（平安旅馆）　截止 今天" in listing
    async with services.sessions() as session:
        task = (await session.exec(select(Task))).one()
    assert task.source == "watchlist" and task.key == "hit:1" and task.officer_id is None


async def test_a_date_that_does_not_exist_or_has_passed_is_told(officer_chat: Chat) -> None:
    wrong = await officer_chat.say("/任务 新增 检查网吧 2026-02-30")
    assert "截止日期「2026-02-30」有误" in wrong and "已新增" not in wrong
    late = await officer_chat.say("/任务 新增 检查网吧 昨天")
    assert "已新增任务" in late and "截止日期已经过了" in late
    long = await officer_chat.say("/任务 新增 " + "很长的内容" * 80)
    assert "内容太长了" in long
    assert "已新增任务" in await officer_chat.say("/任务 新增 核对罚款 200.50")  # an amount


async def test_a_trailing_day_with_its_time_of_day_is_the_due_date(officer_chat: Chat) -> None:
    # 2026-11-23 is a Monday.
    added = await officer_chat.say("/任务 新增 走访幸福里3号新租客 明天下午")
    assert "走访幸福里3号新租客（下午）　截止 明天" in added  # the time is kept with it
    assert "回访报案人　截止 后天（11月25日）" in await officer_chat.say(
        "/任务 新增 回访报案人 后天"
    )
    assert "检查网吧　截止 11月27日" in await officer_chat.say("/任务 新增 检查网吧 周五")
    next_week = await officer_chat.say("/任务 新增 交台账 下周一 上午")
    assert "交台账（上午）　截止 11月30日" in next_week
    assert "整改复查　截止 12月1日" in await officer_chat.say("/任务 新增 整改复查 12月1日")
    assert "巡查夜市（晚上）　截止 明天" in await officer_chat.say("/任务 新增 巡查夜市 明晚")
    today = await officer_chat.say("/任务 新增 核查租客 今天下午3点前")
    assert "核查租客（下午3点前）　截止 今天" in today
    # A measure is not a date, nor a word that starts like one.
    assert "无截止日期" in await officer_chat.say("/任务 新增 更换监控线 3.5米")
    assert "无截止日期" in await officer_chat.say("/任务 新增 整理 今天的台账")


async def test_a_due_day_said_first_is_read(officer_chat: Chat) -> None:
    added = await officer_chat.say("/任务 新增 下周一 上报月报")  # today: Monday 11-23
    assert "上报月报　截止 11月30日" in added


async def test_a_deadline_glued_to_the_subject_is_read(officer_chat: Chat) -> None:
    """周五前交月报 had no due date, and 下周一前 上报月报 showed 上报月报（前）."""
    assert "交月报　截止 11月27日" in await officer_chat.say("/任务 新增 周五前交月报")
    assert "交材料　截止 12月1日" in await officer_chat.say("/任务 新增 12月1日之前交材料")
    before = await officer_chat.say("/任务 新增 下周一前 上报月报")
    assert "上报月报　截止 11月30日" in before and "（前）" not in before
    assert "无截止日期" in await officer_chat.say("/任务 新增 5号楼前 清理杂物")


async def test_a_task_is_moved_to_another_day_or_cancelled_with_its_reason(
    officer_chat: Chat, services: Services
) -> None:
    """Tasks could only be completed: a visit put off, or one entered twice, stayed
    overdue on the list and in the digest."""
    await officer_chat.say("/任务 新增 走访 和平里5号 明天")
    await officer_chat.say("/任务 新增 整理台账")
    moved = await officer_chat.say("/任务 改期 1 周五")  # today is Mon 11-23
    assert "截止 11月27日（原截止 明天）" in moved
    assert "（日期未变）" in await officer_chat.say("/任务 改期 1 本周五")
    moved = await officer_chat.say("/任务 改期 1 后天上午")
    assert "走访 和平里5号（上午）　截止 后天（11月25日）" in moved  # the time of day is kept
    assert "日期「下下下周」有误" in await officer_chat.say("/任务 改期 1 下下下周")
    assert "已取消任务 #2" in await officer_chat.say("/任务 取消 2 重复了")
    listing = await officer_chat.say("/任务")
    assert "#2" not in listing and "#1" in listing and "改期" in listing
    assert "没有编号为 2" in await officer_chat.say("/任务 取消 2")
    async with services.sessions() as session:
        dropped = await session.get(Task, 2)
        work = (await session.exec(select(WorkLog.action).order_by(col(WorkLog.id)))).all()
    assert dropped is not None and dropped.status is TaskStatus.CANCELLED
    assert dropped.done_note == "重复了"
    assert work == ["task.add", "task.add", *["task.move"] * 3, "task.cancel"]


async def test_a_generated_task_is_cancelled_only_with_a_reason(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    asked = await officer_chat.say("/任务 取消 1")
    assert "请说明原因" in asked and "核查比中" in asked
    assert "已取消任务 #1" in await officer_chat.say("/任务 取消 1 已由刑侦队接手")


async def test_a_task_put_off_in_words_is_moved(officer_chat: Chat) -> None:
    """任务1 明天再说 got the usage of /任务, and /任务 改期 1 明天再说 said the date
    「明天再说」 was wrong: the task stayed due today."""
    await officer_chat.say("/任务 新增 整理台账 今天")
    moved = await officer_chat.say("任务1 明天再说")
    assert "已改期" in moved and "截止 明天（原截止 今天）" in moved, moved
    moved = await officer_chat.say("/任务 改期 1 周五再去")
    assert "截止 11月27日" in moved and "有误" not in moved


async def test_a_task_opens_from_the_list_with_what_to_do_to_it(officer_chat: Chat) -> None:
    """The list had no way to open a task, and /任务 2 (what 把任务2推迟到周五 is offered)
    got the usage of /任务 新增."""
    await officer_chat.say("/任务 新增 走访 和平里5号 明天")
    await officer_chat.say("/任务 新增 整理台账")
    await officer_chat.say("/任务")
    assert officer_chat.buttons() == ["/任务 1", "/任务 2"]
    opened = await officer_chat.say("/任务 2")
    assert "#2【其他】整理台账　无截止日期" in opened and "新增任务" not in opened
    assert officer_chat.buttons() == ["/完成 2", "/任务 改期 2 明天"]
    assert "截止 明天" in await officer_chat.say(officer_chat.buttons()[1])
    assert "没有编号为 9 的待办任务" in await officer_chat.say("/任务 9")


async def test_a_task_is_put_off_and_completed_as_officers_say_it(
    officer_chat: Chat, services: Services
) -> None:
    """任务 推迟 1 后天, 任务 1 延期到下周一 and 任务 完成 2 had got the usage."""
    await officer_chat.say_all("/任务 新增 走访 和平里", "/任务 新增 整理台账", "/任务 新增 回访")
    assert "截止 后天（11月25日）" in await officer_chat.say("任务 推迟 1 后天")  # Monday 11-23
    assert "截止 11月30日" in await officer_chat.say("任务 1 延期到下周一")
    assert "截止 11月27日" in await officer_chat.say("任务 2 顺延到周五")
    assert "截止 明天" in await officer_chat.say("任务 往后推 2 明天")
    assert "任务 #2 已完成" in await officer_chat.say("任务 完成 2")
    assert "任务 #3 已完成" in await officer_chat.say("任务 3 完成 已回访")
    async with services.sessions() as session:
        task = await session.get(Task, 3)
    assert task is not None and task.done_note == "已回访"


async def test_usage_names_the_officers_own_task(officer_chat: Chat) -> None:
    """The usage's examples named task 12, which did not exist."""
    assert "取消 编号" in await officer_chat.say("/任务 取消")
    await officer_chat.say_all("/任务 新增 走访 和平里", "/任务 新增 整理台账")
    await officer_chat.say("/完成 1")
    usage = await officer_chat.say("/任务 看看")
    assert "/任务 改期 2 周五" in usage and "12" not in usage.replace("12月1日", "")
    assert "/任务 取消 2 重复了" in await officer_chat.say("/任务 取消")


async def test_done_alone_offers_the_open_tasks(officer_chat: Chat) -> None:
    """完成 alone had asked for a number only /任务 shows."""
    assert "目前没有待办任务" in await officer_chat.say("完成")
    await officer_chat.say_all("/任务 新增 走访 和平里", "/任务 新增 整理台账")
    offered = await officer_chat.say("完成")
    assert "完成哪一项" in offered and "#2【其他】整理台账" in offered
    assert officer_chat.buttons() == ["/完成 1", "/完成 2"]


async def test_a_time_of_day_alone_is_today(officer_chat: Chat) -> None:
    """下午去网吧看看 was saved with no due date."""
    added = await officer_chat.say("/任务 新增 下午去网吧看看")
    assert "#1【其他】去网吧看看（下午）　截止 今天" in added
    added = await officer_chat.say("/任务 新增 明天上午10点回访幸福里")
    assert "#2【其他】回访幸福里（上午10点）　截止 明天" in added
    assert "截止 今天" in await officer_chat.say("/任务 新增 整理台账 晚上")


async def test_a_due_day_and_a_plate_after_it_are_both_read(
    officer_chat: Chat, services: Services
) -> None:
    """检查枫林民宿消防 下周一 100001 kept both in the subject with no due date and no venue:
    each alone worked, and the usage promises both."""
    added = await officer_chat.say("/任务 新增 检查出租屋消防 下周一 200001")
    assert "#1【检查】检查出租屋消防 200001　截止 11月30日" in added
    async with services.sessions() as session:
        task = await session.get(Task, 1)
    assert task is not None and task.venue_id is not None


async def test_a_plate_not_in_the_station_is_said(officer_chat: Chat, services: Services) -> None:
    """走访幸福里房东 后天 100002 was saved without a word though no house has plate 100002."""
    added = await officer_chat.say("/任务 新增 走访幸福里房东 后天 100002")
    assert "#1【走访】" in added and "截止 后天（11月25日）" in added
    assert "本所没有门牌号为 100002 的房屋，任务未关联房屋" in added
    async with services.sessions() as session:
        task = await session.get(Task, 1)
    assert task is not None and task.venue_id is None


async def test_a_linked_house_is_shown_and_a_recheck_is_an_inspection(
    officer_chat: Chat,
) -> None:
    """100001 复查消防 周五 linked the house, but neither the reply nor /任务 1 showed it, and
    the task was filed as 【其他】."""
    added = await officer_chat.say("/任务 新增 200001 复查消防 周五")
    assert "#1【检查】200001 复查消防　截止 11月27日" in added
    assert "关联房屋：和平里5号（门牌 200001" in added
    assert "关联房屋：和平里5号" in await officer_chat.say("/任务 1")


async def test_a_due_day_between_the_words_is_read(officer_chat: Chat) -> None:
    """检查 明天 张三 kept 明天 in the subject, with 无截止日期."""
    added = await officer_chat.say("/任务 新增 检查 明天 张三")
    assert "#1【检查】检查 张三　截止 明天" in added


async def test_closing_a_hit_check_says_what_the_hit_is_recorded_as(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """/完成 1 已核实，非本人 closed the check and moved the venue's colour without saying
    that the hit was now 已核实非本人, which is what the risk rules go by."""
    await owner_chat.say_all(*REGISTER_WANTED)
    done = await officer_chat.say("/完成 1 已核实，非本人")
    assert "✅ 任务 #1 已完成" in done
    assert "比中 #1 记为：已核实非本人，不计入平安旅馆的风险。" in done


async def test_a_real_hit_is_said_to_be_no_false_one(owner_chat: Chat, officer_chat: Chat) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    done = await officer_chat.say("/完成 1 已抓获，移交刑警队")
    assert "比中 #1 记为：已核查（按非误报处理）。" in done and "非本人" not in done


async def test_a_check_result_that_says_neither_way_asks_which(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """/完成 1 去过了 closed the check and counted the hit against the venue: a guess at
    what the officer found. The verdict is asked, and the words typed are kept."""
    await owner_chat.say_all(*REGISTER_WANTED)
    asked = await officer_chat.say("/完成 1 去过了")
    assert "「去过了」没有说明是否本人，任务未完成" in asked and "已完成" not in asked
    assert officer_chat.buttons() == [
        "/比中 1 已核实，非本人；去过了",
        "/比中 1 已核实，系本人；去过了",
        "/比中 1 已抓获；去过了",
        "/比中 1",
    ]
    assert "核查：待办（任务 #1）" in await officer_chat.say("/命中 1")
    await officer_chat.say("/命中 1 已核实，非本人；去过了")
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "✅ 任务 #1 已完成" in done and "记为：已核实非本人" in done
    assert "去过了" in await officer_chat.say("/命中 1")


async def test_a_tapped_verdict_is_asked_with_the_remark_aside(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """非本人 tapped under 「去过了」 asked 「…已核实，非本人；去过了？」: the question mark
    landed on the officer's remark instead of the verdict being confirmed."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 去过了")
    asked = await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    assert "比中 #1（平安旅馆）：确认记为「已核实，非本人」（备注：去过了）？" in asked


async def test_a_verdict_question_is_confirmed_after_a_look_elsewhere(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """确认 typed after /任务 and /命中 got 抱歉，我没有理解您的意思, and nothing was
    recorded: the question's buttons were gone, the question was not."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 去过了")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    await officer_chat.say("/任务")
    await officer_chat.say("/命中")
    done = await officer_chat.say("确认")
    assert "✅ 任务 #1 已完成" in done and "比中 #1 记为：已核实非本人" in done
    assert "待核查" not in await officer_chat.say("/命中")


async def test_a_typed_confirm_under_two_verdict_questions_asks_which(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    await owner_chat.say_all(*REGISTER_WANTED[:5], "305", *REGISTER_WANTED[6:])
    await officer_chat.say("/命中 1 已核实，非本人")
    await officer_chat.say("/命中 2 已抓获")
    await officer_chat.say("/任务")
    which = await officer_chat.say("确认")
    assert "有 2 个核查结果待确认" in which and "已完成" not in which
    assert officer_chat.buttons() == ["/比中 1", "/比中 2"]


async def test_a_typed_confirm_with_no_verdict_question_records_nothing(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 去过了")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    await officer_chat.say("取消")
    await officer_chat.say("/任务")
    assert "已完成" not in await officer_chat.say("确认")
    assert "待核查" in await officer_chat.say("/命中")


async def test_a_different_person_with_the_same_number_rules_the_hit_out(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """已核实，系同号不同人 (a different person on the same ID number) was counted as a real
    hit against the venue."""
    await owner_chat.say_all(*REGISTER_WANTED)
    done = await officer_chat.say("/完成 1 已核实，系同号不同人")
    assert "比中 #1 记为：已核实非本人" in done


@pytest.mark.parametrize("note", ["人未抓获", "尚未归案，继续追查", "无法确认是否为本人"])
async def test_a_check_result_of_what_was_not_done_asks_which(
    owner_chat: Chat, officer_chat: Chat, note: str
) -> None:
    """人未抓获 closed the check and counted the hit against the venue: read as 抓获."""
    await owner_chat.say_all(*REGISTER_WANTED)
    asked = await officer_chat.say(f"/完成 1 {note}")
    assert "没有说明是否本人，任务未完成" in asked and "记为" not in asked


async def test_a_denied_different_person_is_a_real_hit(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """不是不同人，系本人 was recorded as 已核实非本人: a real hit left out of the risk."""
    await owner_chat.say_all(*REGISTER_WANTED)
    done = await officer_chat.say("/完成 1 不是不同人，系本人")
    assert "比中 #1 记为：已核查（按非误报处理）。" in done


async def test_a_tapped_verdict_is_recorded_whatever_the_note_says(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """非本人 tapped under 「去过了，人不在，无法联系」 was recorded as a real hit: 无法 in the
    note was read as doubt about the verdict."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await officer_chat.say("/完成 1 去过了，人不在，无法联系")
    await officer_chat.say(officer_chat.buttons()[0])  # 非本人
    done = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "比中 #1 记为：已核实非本人，不计入平安旅馆的风险。" in done


async def test_several_checks_without_a_verdict_are_told_what_to_send(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """/完成 1 2 去过了 said 请点下面的核查结果 twice, under no buttons."""
    await owner_chat.say_all(*REGISTER_WANTED)
    await owner_chat.say("退房 303")
    await owner_chat.say_all(*REGISTER_WANTED[:5], "305", *REGISTER_WANTED[6:])
    asked = await officer_chat.say("/完成 1 2 去过了")
    assert "点下面" not in asked and officer_chat.buttons() == []
    assert "请发送「/完成 1 已核实，非本人；去过了」或「/完成 1 已抓获；去过了」" in asked
    assert "请发送「/完成 2 已核实，非本人；去过了」" in asked
    done = await officer_chat.say("/完成 2 已核实，非本人；去过了")
    assert "比中 #2 记为：已核实非本人" in done


async def test_a_result_added_later_says_which_too(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """去过了 added to a check closed without a result was recorded, and the hit counted
    against the venue (记为：已核查)."""
    await owner_chat.say_all(*REGISTER_WANTED)
    async with services.sessions() as session:
        task = await session.get(Task, 1)
        assert task is not None
        task.status, task.done_at, task.done_note = TaskStatus.DONE, services.clock(), ""
        session.add(task)
        await session.commit()
    asked = await officer_chat.say("/完成 1 去过了")
    assert "「去过了」没有说明是否本人，核查结果没有补记" in asked and "记为" not in asked
    assert officer_chat.buttons()[0] == "/比中 1 已核实，非本人；去过了"
    await officer_chat.say(officer_chat.buttons()[0])
    added = await officer_chat.say(officer_chat.buttons()[0])  # 确认
    assert "已补记任务 #1 的核查结果" in added and "记为：已核实非本人" in added


async def test_a_visit_cancelled_by_a_new_colour_says_the_colour_as_marked(
    officer_chat: Chat, services: Services
) -> None:
    """Its note said 综合风险降为蓝色 while every reply and list said 🔵蓝."""
    await officer_chat.say("/风险 平安旅馆 红 多次发现未登记住客")
    await officer_chat.say("/风险 和平里5号 红 群租")
    assert await plan_visits(services, load_rule_set(Settings())) == 2
    assert "已取消走访任务 #1" in await officer_chat.say("/风险 平安旅馆 蓝 下调 已全部整改")
    assert "已取消走访任务 #2" in await officer_chat.say("/风险 和平里5号 清除")
    async with services.sessions() as session:
        cancelled = (
            await session.exec(
                select(Task).where(Task.status == TaskStatus.CANCELLED).order_by(col(Task.id))
            )
        ).all()
    assert [t.done_note for t in cancelled] == [
        "综合风险降为🔵蓝：已全部整改",
        "清除民警评定，综合风险为🔵蓝",
    ]
