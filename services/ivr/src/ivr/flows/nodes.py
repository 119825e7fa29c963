"""The nodes that speak to the caller or end the flow: prompts, inputs and terminal steps.

Each node names the nodes it leads to in `targets()`, keyed by the field that holds the id, so
validation can say which field of which node is wrong.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from chassis.tenants import SkillRequirement

DEFAULT_PROMPT_SECONDS = 3.0


def _digit_text(value: object) -> object:
    # YAML reads an unquoted 1 as an int; a key the caller presses is text.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Digit = Annotated[str, BeforeValidator(_digit_text), Field(pattern=r"^[0-9*#]$")]
Priority = Annotated[int, Field(ge=0, le=100)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Prompted(Frozen):
    prompt: str = Field(min_length=1)
    seconds: float = Field(default=DEFAULT_PROMPT_SECONDS, ge=0)  # nominal length, for the budget


class PlayNode(Prompted):
    type: Literal["play"]
    next: str

    def targets(self) -> dict[str, str]:
        return {"next": self.next}


class AnnounceWaitNode(Frozen):
    """Tells the caller the queue's expected wait, then moves on."""

    type: Literal["announce_wait"]
    queue: str = Field(min_length=1)
    seconds: float = Field(default=DEFAULT_PROMPT_SECONDS, ge=0)
    next: str

    def targets(self) -> dict[str, str]:
        return {"next": self.next}


class MenuNode(Prompted):
    type: Literal["menu"]
    options: dict[Digit, str] = Field(min_length=1)
    input_timeout_seconds: float = Field(default=5.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    no_input: str
    invalid: str

    def targets(self) -> dict[str, str]:
        options = {f"options.{digit}": target for digit, target in self.options.items()}
        return {**options, "no_input": self.no_input, "invalid": self.invalid}


class CollectDigitsNode(Prompted):
    type: Literal["collect_digits"]
    attribute: str = Field(min_length=1)
    min_digits: int = Field(default=1, ge=1)
    max_digits: int = Field(default=20, ge=1)
    pattern: str | None = None
    terminator: Digit | None = "#"
    input_timeout_seconds: float = Field(default=5.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    next: str
    failure: str

    @field_validator("pattern")
    @classmethod
    def check_pattern_compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"invalid regular expression: {error}") from None
        return pattern

    @model_validator(mode="after")
    def check_lengths(self) -> CollectDigitsNode:
        if self.max_digits < self.min_digits:
            raise ValueError("max_digits: must be at least min_digits")
        return self

    def accepts(self, digits: str) -> bool:
        return (
            self.min_digits <= len(digits) <= self.max_digits
            and digits.isdigit()
            and (self.pattern is None or re.fullmatch(self.pattern, digits) is not None)
        )

    def targets(self) -> dict[str, str]:
        return {"next": self.next, "failure": self.failure}


class OfferCallbackNode(Prompted):
    """One question: the accept digit books a callback; anything else, or silence, declines."""

    type: Literal["offer_callback"]
    queue: str = Field(min_length=1)
    accept_digit: Digit = "1"
    input_timeout_seconds: float = Field(default=5.0, gt=0)
    declined: str

    def targets(self) -> dict[str, str]:
        return {"declined": self.declined}


class QueueNode(Frozen):
    type: Literal["queue"]
    queue: str = Field(min_length=1)
    priority: Priority = 0
    skills: tuple[SkillRequirement, ...] = ()
    announce_every_seconds: float | None = Field(default=None, gt=0)
    announce_position: bool = True
    announce_wait: bool = True
    callback_digit: Digit | None = None  # pressed while queued: a callback keeping the place

    def targets(self) -> dict[str, str]:
        return {}


class TransferNode(Frozen):
    type: Literal["transfer"]
    number: str = Field(min_length=1)

    def targets(self) -> dict[str, str]:
        return {}


class HangupNode(Frozen):
    type: Literal["hangup"]
    prompt: str | None = None
    seconds: float = Field(default=DEFAULT_PROMPT_SECONDS, ge=0)

    def targets(self) -> dict[str, str]:
        return {}
