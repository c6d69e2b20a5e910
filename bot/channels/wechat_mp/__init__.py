"""WeChat Official Account (微信公众号): residents follow the station's account.

`channel.WechatMpChannel` answers callbacks at `[wechat_mp] route` (plain or safe mode) and
sends later messages through the customer-service API within the platform's reply window.
Import-light: `bot.config` imports `settings` from here.
"""
