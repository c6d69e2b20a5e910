"""`[wechat_mp]`: the official account. Absent, or without a token: the channel is off."""

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
ENV = "JINGMIN_WECHAT_MP__"


class WechatMpSettings(Section):
    #: 令牌(Token) from 设置与开发 → 基本配置 → 服务器配置.
    token: str = ""
    #: 消息加解密密钥(EncodingAESKey); empty: plain mode (明文模式).
    encoding_aes_key: str = ""
    #: 开发者ID(AppID) and 开发者密码(AppSecret).
    app_id: str = ""
    app_secret: str = ""
    #: Path of the server URL entered on the admin console.
    route: str = "/wechat/mp"
    api_base: str = "https://api.weixin.qq.com"
    #: Seconds the handlers get before the platform is answered and the reply is sent
    #: through the customer-service API instead (WeChat gives up after 5).
    reply_seconds: float = Field(default=4.0, ge=0, le=4.5)
    #: Seconds an API call may take.
    api_timeout: float = Field(default=5.0, gt=0, le=30)

    _token = field_validator("token")(check_token)
    _aes = field_validator("encoding_aes_key")(check_aes_key)
    _route = field_validator("route")(check_route)
    _base = field_validator("api_base")(check_api_base)

    @field_validator("app_id")
    @classmethod
    def _app_id(cls, value: str) -> str:
        # The 原始ID (gh_…) sits on the console's account page, a likelier paste than it seems.
        if value.startswith("gh_"):
            raise ValueError(
                "is the account's 原始ID; use 开发者ID(AppID) from 设置与开发 → 基本配置 "
                "(it starts with wx)"
            )
        if value and not value.startswith("wx"):
            raise ValueError(
                "expected 开发者ID(AppID) from 设置与开发 → 基本配置 (it starts with wx)"
            )
        return value

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @model_validator(mode="after")
    def _complete(self) -> WechatMpSettings:
        if not self.enabled:
            given = [k for k in ("app_id", "app_secret", "encoding_aes_key") if getattr(self, k)]
            if given:
                # Otherwise the channel is silently off and the console's URL check fails.
                raise ValueError(
                    f"token is required with {', '.join(given)}: the 令牌(Token) of "
                    "服务器配置 (leave them all empty to turn the official account off)"
                )
            return self
        for key in ("app_id", "app_secret"):
            if not getattr(self, key):
                raise ValueError(
                    f"{key} is required when token is set (设置与开发 → 基本配置; "
                    f"or set {ENV}{key.upper()})"
                )
        if self.token == self.app_secret:
            raise ValueError(
                "token is the AppSecret: token is the 令牌(Token) you chose under 服务器配置, "
                "app_secret the 开发者密码(AppSecret)"
            )
        if self.encoding_aes_key and self.app_secret == self.encoding_aes_key:
            raise ValueError(
                "app_secret is the EncodingAESKey: app_secret is the 开发者密码(AppSecret)"
            )
        return self
