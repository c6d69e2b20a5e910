"""`[wecom_robot]`: WeCom group robots. Off unless `enabled = true`."""

from __future__ import annotations

from pydantic import Field, field_validator

from bot.channels.weixin.config import Section, check_api_base


class WecomRobotSettings(Section):
    enabled: bool = False
    api_base: str = "https://qyapi.weixin.qq.com"
    #: Send texts as markdown (bold, links and colours in the WeCom client).
    markdown: bool = False
    api_timeout: float = Field(default=5.0, gt=0, le=30)

    _base = field_validator("api_base")(check_api_base)
