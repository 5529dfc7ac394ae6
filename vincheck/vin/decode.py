"""Decode a VIN: region and country of its WMI (ISO 3780), maker, model years, parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vincheck import wmi_data
from vincheck.vin.rules import (
    CHECK_INDEX,
    MODEL_YEAR_BASE,
    MODEL_YEAR_CODES,
    YEAR_INDEX,
    CheckDigitStatus,
    _check_structure,
    check_digit_status,
    clean,
    compute_check_digit,
    validate,
)


def model_year_candidates(code: str, current_year: int | None = None,
                          count: int = 2) -> tuple[int, ...]:
    """Model years a position-10 code can stand for, most recent first.

    The 30 codes repeat every 30 years (A = 1980, 2010, 2040; 1 = 2001, 2031; ...). Returns the
    ``count`` most recent years not later than ``current_year + 1`` (a vehicle may carry next
    year's model year). Empty for a code that is not a model-year code (U, Z, 0, ...)."""
    code = clean(code)
    if len(code) != 1 or code not in MODEL_YEAR_CODES:
        return ()
    latest = (current_year if current_year is not None else date.today().year) + 1
    year = MODEL_YEAR_BASE + MODEL_YEAR_CODES.index(code)
    year += 30 * ((latest - year) // 30)
    return tuple(y for y in (year - 30 * k for k in range(count)) if y >= MODEL_YEAR_BASE)


def _range_key(code: str) -> tuple[int, int]:
    order = wmi_data.RANGE_ORDER
    return order.index(code[0]), order.index(code[1])


def country_of(wmi: str) -> tuple[str | None, str | None]:
    """(region, country) of a WMI from the ISO 3780 ranges; country None when not listed."""
    wmi = clean(wmi)
    if len(wmi) < 2 or any(ch not in wmi_data.RANGE_ORDER for ch in wmi[:2]):
        return None, None
    region = wmi_data.REGION_BY_FIRST_CHAR.get(wmi[0])
    key = _range_key(wmi[:2])
    for first, last, country, row_region in wmi_data.COUNTRY_RANGES:
        if first[0] == wmi[0] and _range_key(first) <= key <= _range_key(last):
            return row_region, country
    return region, None


def maker_of(wmi: str) -> str | None:
    """Manufacturer for a WMI from the (partial) table in :mod:`vincheck.wmi_data`."""
    return wmi_data.MANUFACTURERS.get(clean(wmi)[:3])


@dataclass(frozen=True)
class VinInfo:
    """A decoded VIN; parts named after ISO 3779. ``vin`` has 17 VIN characters."""

    vin: str
    require_check_digit: bool = True
    current_year: int | None = None

    @property
    def wmi(self) -> str:
        """World manufacturer identifier, positions 1-3."""
        return self.vin[:3]

    @property
    def vds(self) -> str:
        """Vehicle descriptor section, positions 4-9 (includes the check digit)."""
        return self.vin[3:9]

    @property
    def vis(self) -> str:
        """Vehicle indicator section, positions 10-17."""
        return self.vin[9:]

    @property
    def check_digit(self) -> str:
        """The character found at position 9."""
        return self.vin[CHECK_INDEX]

    @property
    def expected_check_digit(self) -> str:
        return compute_check_digit(self.vin)

    @property
    def check_digit_status(self) -> CheckDigitStatus:
        return check_digit_status(self.vin, self.require_check_digit)

    @property
    def model_year_code(self) -> str:
        return self.vin[YEAR_INDEX]

    @property
    def model_year_candidates(self) -> tuple[int, ...]:
        return model_year_candidates(self.model_year_code, self.current_year)

    @property
    def plant_code(self) -> str:
        """Assembly plant, position 11."""
        return self.vin[10]

    @property
    def serial(self) -> str:
        """Production sequence number, positions 12-17."""
        return self.vin[11:]

    @property
    def is_small_manufacturer(self) -> bool:
        """WMI ending in 9: maker of < 500 vehicles/year, identified by WMI + positions 12-14."""
        return self.vin[2] == "9"

    @property
    def region(self) -> str | None:
        return country_of(self.wmi)[0]

    @property
    def country(self) -> str | None:
        return country_of(self.wmi)[1]

    @property
    def maker(self) -> str | None:
        return maker_of(self.wmi)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vin": self.vin, "wmi": self.wmi, "vds": self.vds, "vis": self.vis,
            "region": self.region, "country": self.country, "maker": self.maker,
            "check_digit": {"expected": self.expected_check_digit, "found": self.check_digit,
                            "status": str(self.check_digit_status)},
            "model_year_code": self.model_year_code,
            "model_years": list(self.model_year_candidates),
            "plant_code": self.plant_code, "serial": self.serial,
        }


def describe(vin: str, require_check_digit: bool = True, *, strict: bool = True,
             model_year_rule: bool | None = None, current_year: int | None = None) -> VinInfo:
    """Decode a VIN. ``strict`` validates fully first (raising like :func:`validate`);
    ``strict=False`` only requires 17 VIN characters, so an invalid VIN can still be shown."""
    if strict:
        vin = validate(vin, require_check_digit, model_year_rule=model_year_rule)
    else:
        vin = clean(vin)
        _check_structure(vin)
    return VinInfo(vin, require_check_digit, current_year)
