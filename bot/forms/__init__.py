"""Multi-step chat forms declared as data, with state stored in the database."""

from bot.forms.engine import FormEngine
from bot.forms.spec import Answers, Derived, Form, FormEnv, FormField, Misplaced, More

__all__ = ["Answers", "Derived", "Form", "FormEngine", "FormEnv", "FormField", "Misplaced", "More"]
