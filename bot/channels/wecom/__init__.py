"""WeCom (企业微信) self-built app: officers talk to the bot in WeCom.

`channel.WecomChannel` answers the app's callbacks at `[wecom] route` (always encrypted) and
sends app messages to members and to app group chats, within WeCom's per-member rate.
Import-light: `bot.config` imports `settings` from here.
"""
