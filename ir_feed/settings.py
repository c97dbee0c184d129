"""Configuration: one frozen, validated settings object, loaded at the edge.

``load_settings(path)`` reads ``config.yaml``, replaces ``${VAR}`` and
``${VAR:-default}`` from the environment, validates everything and raises a
single :class:`~ir_feed.errors.ConfigError` listing every problem with its
path.  Nothing deeper in the code reads the environment or a global: the
settings (or the part a component needs) are passed in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from ir_feed.errors import ConfigError

PositiveSeconds = Annotated[float, Field(gt=0, le=86_400)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HttpSettings(_Model):
    """How we talk to publishers' servers."""

    connect_timeout: PositiveSeconds = 10.0
    read_timeout: PositiveSeconds = 20.0
    deadline: PositiveSeconds = 60.0  # whole fetch, body included: a trickling server cannot hold a poll
    max_bytes: Annotated[int, Field(ge=1024, le=512 * 1024 * 1024)] = 10 * 1024 * 1024
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    user_agent: str = "ir-feed/0.1 (+mailto:ops@example.invalid)"
    max_concurrency: Annotated[int, Field(ge=1, le=256)] = 8  # feeds fetched at once
    per_host_concurrency: Annotated[int, Field(ge=1, le=64)] = 2
    per_host_interval: Annotated[float, Field(ge=0, le=3600)] = 0.5  # min seconds between requests to one host
    page_hosts: tuple[str, ...] = ()  # hosts release pages may come from, beside each feed's own host

    @field_validator("user_agent")
    @classmethod
    def _ua(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v.strip()

    @field_validator("page_hosts")
    @classmethod
    def _hosts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for h in v:
            h = h.strip().lower()
            if not h or "/" in h or ":" in h.strip("[]") and not h.startswith("["):
                raise ValueError(f"{h!r} is not a host name")
            out.append(h)
        return tuple(out)
