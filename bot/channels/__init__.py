"""Messenger channels. Each is a small package that verifies the platform's signature, turns
payloads into `Inbound` messages, and sends `Reply` values back (see `base.Channel`)."""
