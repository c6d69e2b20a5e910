"""Telegram: webhook (or long polling in development) in, Bot API out.

Import `TelegramChannel` from `bot.channels.telegram.channel`. This file stays empty on
purpose: `bot.config` imports `bot.channels.telegram.settings`, and importing the channel here
would pull the storage layer (which imports `bot.config`) into a circular import.
"""
