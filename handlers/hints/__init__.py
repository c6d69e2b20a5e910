"""A sentence that names one of the sender's features (今天有什么任务, 302退房了, 等级一下)
gets that feature offered as a button; `offer.with_command_hints` wraps the handler for it."""
