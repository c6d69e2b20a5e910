"""A station admin (所长) bound as the CLI invites one: no station, no beat."""

from __future__ import annotations

from bot.context import Services
from bot.dispatch import Dispatcher
from storage.models import Role
from tests.support.chat import Chat
from tests.support.seed import invite


async def bound_admin(services: Services, dispatcher: Dispatcher, user: str = "chief") -> Chat:
    """`jingmin invite --role admin --name 所长`, then /绑定 from `user`."""
    chat = Chat(dispatcher, user)
    code = await invite(services, Role.ADMIN, display_name="所长")
    await chat.say(f"/绑定 {code}")
    return chat
