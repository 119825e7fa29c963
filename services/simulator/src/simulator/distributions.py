"""Durations drawn at random: exponential, lognormal, fixed, uniform, all in seconds.

Written in a scenario as `{kind: exponential, mean: 180}`, or a bare number for a fixed
duration. Sampling takes the caller's `random.Random`, so a seeded run draws the same values.
"""

from __future__ import annotations

import math
import random
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Seconds = Annotated[float, Field(ge=0)]


class _Distribution(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def sample(self, rng: random.Random) -> float:
        raise NotImplementedError

    @property
    def mean_s(self) -> float:
        raise NotImplementedError


class Exponential(_Distribution):
    kind: Literal["exponential"] = "exponential"
    mean: float = Field(gt=0)

    def sample(self, rng: random.Random) -> float:
        return rng.expovariate(1.0 / self.mean)

    @property
    def mean_s(self) -> float:
        return self.mean


class LogNormal(_Distribution):
    """Parametrised by its own mean and standard deviation, as handle times are reported."""

    kind: Literal["lognormal"] = "lognormal"
    mean: float = Field(gt=0)
    sd: float = Field(gt=0)

    def sample(self, rng: random.Random) -> float:
        sigma2 = math.log(1.0 + (self.sd / self.mean) ** 2)
        return rng.lognormvariate(math.log(self.mean) - sigma2 / 2.0, math.sqrt(sigma2))

    @property
    def mean_s(self) -> float:
        return self.mean


class Fixed(_Distribution):
    kind: Literal["fixed"] = "fixed"
    value: Seconds

    def sample(self, rng: random.Random) -> float:
        return self.value

    @property
    def mean_s(self) -> float:
        return self.value


class Uniform(_Distribution):
    kind: Literal["uniform"] = "uniform"
    low: Seconds
    high: Seconds

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.high < self.low:
            raise ValueError("high must not be below low")
        return self

    def sample(self, rng: random.Random) -> float:
        return rng.uniform(self.low, self.high)

    @property
    def mean_s(self) -> float:
        return (self.low + self.high) / 2.0


def _number_is_fixed(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"kind": "fixed", "value": value}
    return value


Distribution = Annotated[
    Exponential | LogNormal | Fixed | Uniform,
    Field(discriminator="kind"),
    BeforeValidator(_number_is_fixed),
]
