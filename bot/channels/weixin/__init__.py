"""What the WeChat-family channels (official account, WeCom app, WeCom group robots) share:
safe XML, callback verification, access tokens, the API client and send allowances.

Kept import-light on purpose: `bot.config` imports the channels' settings through here.
"""
