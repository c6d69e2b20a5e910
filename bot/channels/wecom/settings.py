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

#: Where the secrets go when they are kept out of the file.
ENV = "JINGMIN_WECOM__"

#: Where on the admin console each value a WeCom app needs is found (docs/channels-wechat.md).
_FOUND = {
    "agent_id": "the app's AgentId, from 应用管理 → the app",
    "secret": "the app's Secret, from 应用管理 → the app (it is shown in the WeCom client)",
    # Without these WeCom's encrypted callbacks cannot be read: it always encrypts.
    "token": "the Token from the app's 接收消息 → 设置API接收 (WeCom always encrypts)",
    "encoding_aes_key": (
        "the EncodingAESKey from the app's 接收消息 → 设置API接收 (WeCom always encrypts)"
    ),
}


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

    @field_validator("corp_id")
    @classmethod
    def _corp_id(cls, value: str) -> str:
        if value.isdigit():
            raise ValueError(
                "is a number (an AgentId?); expected the 企业ID from 我的企业 → 企业信息, "
                "which starts with ww"
            )
        if value and not value.startswith(("ww", "wx")):
            raise ValueError("expected the 企业ID from 我的企业 → 企业信息 (it starts with ww)")
        return value

    @property
    def enabled(self) -> bool:
        return bool(self.corp_id)

    @model_validator(mode="after")
    def _complete(self) -> WecomSettings:
        keys = ("agent_id", "secret", "token", "encoding_aes_key")
        if not self.enabled:
            given = [k for k in keys if getattr(self, k)]
            if given:
                # Otherwise the channel is silently off and WeCom's URL check fails.
                raise ValueError(
                    f"corp_id is required with {', '.join(given)}: the 企业ID from "
                    "我的企业 → 企业信息 (leave them all empty to turn WeCom off)"
                )
            return self
        for key in keys:
            if not getattr(self, key):
                where = (
                    f"; or set {ENV}{key.upper()}" if key in ("secret", "encoding_aes_key") else ""
                )
                raise ValueError(f"{key} is required when corp_id is set: {_FOUND[key]}{where}")
        if self.secret in (self.token, self.encoding_aes_key):
            raise ValueError(
                "secret is the same as token or encoding_aes_key: secret is the app's Secret "
                "(应用管理 → the app), token and encoding_aes_key come from 接收消息 → 设置API接收"
            )
        return self
