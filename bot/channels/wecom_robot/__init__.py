"""WeCom group robots (群机器人): the bot posts into venue groups through webhook keys.

Outbound only: a robot cannot read the group. Its chat id is its webhook key; groups are
added with `jingmin group add`. Import-light: `bot.config` imports `settings` from here.
"""
