"""Finds every instrument definition and checks it once at import.

Each module in `definitions/` exposes `INSTRUMENT`; adding a self-check means adding one module.
Checking the data here turns a typo in a band or a flag into an import error instead of a wrong
score shown to someone.
"""
from __future__ import annotations

import importlib
import pkgutil

from . import definitions
from .model import Instrument


class DefinitionError(Exception):
    """An instrument definition is inconsistent (a bug in the data, not in the user's answers)."""


def _check(instrument: Instrument) -> None:
    name = instrument.id
    if not instrument.items:
        raise DefinitionError(f"{name}: no items")
    for index, item in enumerate(instrument.items):
        if item.kind == "choice":
            values = [o.value for o in instrument.options_for(item)]
            if not values or len(set(values)) != len(values):
                raise DefinitionError(f"{name}: item {item.id} needs distinct options")
        elif item.kind == "scale" and item.low >= item.high:
            raise DefinitionError(f"{name}: item {item.id} has an empty scale")
        elif item.kind == "word" and item.scored:
            raise DefinitionError(f"{name}: word item {item.id} cannot be scored")
        if item.ask_if and any(i >= index for i in item.ask_if.any_of):
            raise DefinitionError(f"{name}: item {item.id} may only depend on earlier items")
    ranged = sorted((b for b in instrument.bands if b.low is not None), key=lambda b: b.low)
    if ranged:
        # Bands must tile 0..max_total exactly: a gap would leave a total without a label.
        expected = 0
        for band in ranged:
            if band.low != expected or band.high is None or band.high < band.low:
                raise DefinitionError(f"{name}: band {band.id} does not continue at {expected}")
            expected = band.high + 1
        if expected - 1 != instrument.max_total:
            raise DefinitionError(f"{name}: bands end at {expected - 1}, not {instrument.max_total}")
    band_ids = {b.id for b in instrument.bands}
    for rule in instrument.item_flags:
        if not 0 <= rule.item < len(instrument.items):
            raise DefinitionError(f"{name}: flag {rule.flag} names a missing item")
        if rule.sets_severity is not None and rule.sets_severity not in band_ids:
            raise DefinitionError(f"{name}: flag {rule.flag} sets unknown band {rule.sets_severity}")
    for sub in instrument.subscores:
        if not sub.items or any(not 0 <= i < len(instrument.items) for i in sub.items):
            raise DefinitionError(f"{name}: subscore {sub.id} names a missing item")


def _load() -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for module_info in pkgutil.iter_modules(definitions.__path__):
        if module_info.name.startswith("_"):
            continue  # shared answer scales, not instruments
        module = importlib.import_module(f"{definitions.__name__}.{module_info.name}")
        instrument: Instrument = module.INSTRUMENT
        if instrument.id in found:
            raise DefinitionError(f"two definitions use the id {instrument.id!r}")
        _check(instrument)
        found[instrument.id] = instrument
    return dict(sorted(found.items(), key=lambda pair: (pair[1].order, pair[0])))


INSTRUMENTS: dict[str, Instrument] = _load()
INSTRUMENT_IDS: tuple[str, ...] = tuple(INSTRUMENTS)
