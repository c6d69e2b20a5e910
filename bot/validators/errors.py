"""The one error type validators raise."""


class Invalid(ValueError):
    """User input that fails a check.

    `reason` is a short Simplified-Chinese sentence telling the user what is wrong and how to
    fix it, e.g. "身份证号校验位不正确，请核对最后一位。".
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
