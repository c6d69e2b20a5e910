"""`[wecom]`: a WeCom self-built app. Absent, or without corp_id: the channel is off."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from bot.channels.weixin.config import (
    Section,
    check_aes_key,
    check_api_base,
    check_route,
    check_token,
)


class WecomSettings(Section):
    #: 企业ID (我的企业 → 企业信息).
    corp_id: str = ""
    #: The app's AgentId and Secret (应用管理 → the app).
    agent_id: int = Field(default=0, ge=0)
    secret: str = ""
    #: Token and EncodingAESKey from the app's 接收消息 → 设置API接收.
    token: str = ""
    encoding_aes_key: str = ""
    route: str = "/wecom/callback"
    api_base: str = "https://qyapi.weixin.qq.com"
    #: Send choices as markdown (shown in the WeCom client, not in WeChat's 微工作台).
    markdown: bool = False
    #: Seconds the handlers get before WeCom is answered and the reply sent through the API.
    reply_seconds: float = Field(default=4.0, ge=0, le=4.5)
    api_timeout: float = Field(default=5.0, gt=0, le=30)

    _token = field_validator("token")(check_token)
    _aes = field_validator("encoding_aes_key")(check_aes_key)
    _route = field_validator("route")(check_route)
    _base = field_validator("api_base")(check_api_base)

    @property
    def enabled(self) -> bool:
        return bool(self.corp_id)

    @model_validator(mode="after")
    def _complete(self) -> WecomSettings:
        if not self.enabled:
            return self
        for key in ("agent_id", "secret", "token", "encoding_aes_key"):
            if not getattr(self, key):
                raise ValueError(f"{key} is required when corp_id is set (WeCom always encrypts)")
        return self
