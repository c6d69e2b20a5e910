"""Law knowledge base: statutes, FAQ, segmentation, retrieval and chat answers.

For the chat handler::

    from knowledge import KnowledgeBase, LawAnswerer, LawQuery, WECHAT, is_legal_question

    kb = KnowledgeBase.load()                 # once at start: var/law-index or JINGMIN_LAW_INDEX
    answerer = LawAnswerer(kb, limit=WECHAT)  # TELEGRAM for 4096 characters
    if is_legal_question(text) or (last_state and is_followup(text)):
        replies, state = answerer.reply(text, last_state)  # 更多 / 全文 N / a new question
"""

from knowledge.answer import TELEGRAM, WECHAT, LawAnswerer, LawQuery, ReplyLimit, is_followup
from knowledge.base import KnowledgeBase
from knowledge.intent import is_legal_question
from knowledge.retriever import Hit

__all__ = [
    "TELEGRAM",
    "WECHAT",
    "Hit",
    "KnowledgeBase",
    "LawAnswerer",
    "LawQuery",
    "ReplyLimit",
    "is_followup",
    "is_legal_question",
]
