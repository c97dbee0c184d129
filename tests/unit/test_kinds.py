"""Each event kind is defined once (ir_feed.kinds): its spec agrees with the kind's value
object, the API's schema of it and the extraction contract, and every reader's phrase of it
names the event."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, get_args

import pytest

from ir_feed.api import schemas
from ir_feed.events import Designation, Event, Fact, IndClearance, TrialStart
from ir_feed.kinds import KIND_NAMES, KINDS, EventKind, KindSpec
from tests.unit.delivery.builders import ADCOM, APPLICATION, APPROVAL, CRL, DESIGNATION, HOLD, IND, READOUT, TRIAL

VALUE_OBJECTS: dict[str, type[Event]] = {"designation": Designation, "ind_clearance": IndClearance,
                                         "trial_start": TrialStart}  # fmt: skip
API_MODELS: dict[str, type[Any]] = dict(schemas.EVENT_MODELS)
EXAMPLES = {"designation": DESIGNATION, "ind_clearance": IND, "trial_start": TRIAL, "topline_readout": READOUT,
            "application_accepted": APPLICATION, "approval": APPROVAL, "clinical_hold": HOLD,
            "complete_response": CRL, "advisory_committee": ADCOM}  # fmt: skip


def test_the_registry_and_the_literal_name_the_same_kinds() -> None:
    assert set(KIND_NAMES) == set(get_args(EventKind)) == set(API_MODELS) == set(EXAMPLES)
    assert set(VALUE_OBJECTS) <= set(KIND_NAMES)  # the others are Facts


def _fields_of(name: str) -> list[str]:
    """A kind's fields as its value object holds them (a Fact: as its contract writes them)."""
    if name in VALUE_OBJECTS:
        own = dataclasses.fields(VALUE_OBJECTS[name])
        return [f.name for f in own if f.name not in {"announced", "evidence", "key"}]
    example = EXAMPLES[name]
    spec = KINDS[name]
    values = tuple(
        (f, date.fromisoformat(example[f]) if spec.type_of(f) == "date" and example[f] else
         tuple(example[f]) if spec.type_of(f) == "texts" else example[f])
        for f in spec.fields if f not in ("product", "status")
    )  # fmt: skip
    fact = Fact(name, example["announced"], example["product"], example["status"], values, example["evidence"],
                example["key"])  # fmt: skip
    return [k for k in fact.to_dict() if k not in {"kind", "announced", "evidence", "key"}]


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_kinds_fields_are_its_value_objects_and_its_api_schemas(name: str) -> None:
    spec = KINDS[name]
    assert list(spec.fields) == _fields_of(name)
    base = set(schemas._EventBase.model_fields) - {"product", "status"}
    assert set(API_MODELS[name].model_fields) - base - {"kind"} == set(spec.fields)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_phrase_of_an_event_names_it(name: str) -> None:
    spec, event = KINDS[name], EXAMPLES[name]
    head, tail = spec.happened(event)
    assert event["product"] in tail and head.split()
    for phrase in (spec.title, spec.timeline_label):
        assert event["product"] in phrase(event)
    assert spec.what(event) and spec.detail(event)


def test_a_spec_whose_state_fields_are_not_its_fields_is_refused() -> None:
    spec = KINDS["designation"]
    with pytest.raises(ValueError, match="state fields"):
        dataclasses.replace(spec, state_fields=("status", "window_start"))
    with pytest.raises(ValueError, match="status"):
        KindSpec(**{**{f.name: getattr(spec, f.name) for f in dataclasses.fields(spec)}, "status_rank": {}})
