"""VIN rules: clean, validate (order of checks, typed errors), check digit, decoding.

Expectations come from published VINs with a validity claim (vininfo, NHTSA vPIC records,
see /work/shared/corpus/vin-lists/MANIFEST.md), from hand computation, or from the tiny
reference check digit below written straight from REGULATION.md — never from vincheck.vin.
"""

from __future__ import annotations

import pytest

from vincheck.errors import (
    VinCharacterError,
    VinCheckDigitError,
    VinError,
    VinLengthError,
    VinModelYearError,
)
from vincheck.vin import (
    CheckDigitStatus,
    check_digit_status,
    check_residue,
    clean,
    compute_check_digit,
    describe,
    error_code,
    is_valid,
    model_year_candidates,
    validate,
)

# Reference, straight from REGULATION.md (independent of vincheck.vin).
REF_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ",
                      [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9],
                      strict=True)) | {str(d): d for d in range(10)}
REF_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
ALLOWED = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def ref_check_digit(vin: str) -> str:
    r = sum(REF_VALUES[c] * w for c, w in zip(vin, REF_WEIGHTS, strict=True)) % 11
    return "X" if r == 10 else str(r)


# Published VINs claimed valid (vininfo asserts verify_checksum() True; NHTSA vPIC "Check Digit
# (9th position) is correct"; hutool's test VIN; a JRL Land Rover ground truth).
KNOWN_VALID = [
    ("1M8GDM9AXKP042788", "United States", "North America"),
    ("5N1NJ01CXST000001", "United States", "North America"),
    ("SAL1A2A40SA606662", "United Kingdom", "Europe"),
    ("1FV3GFBC0YHA74039", "United States", "North America"),
    ("1HD1GP4558K319097", "United States", "North America"),
    ("5YJSA1H12FFP71790", "United States", "North America"),
    ("JH4KA2650HC000268", "Japan", "Asia"),
    ("SCFEBBELXDGD17560", "United Kingdom", "Europe"),
    # Hand-checked Chinese example: L3*8 + S2*7 + V5*6 + A1*5 + M4*4 + 4*3 + 1*2 + 8*10
    # + C3*9 + 2*8 + 1*7 + 8*6 + 4*5 + 8*4 + 4*3 + 7*2 = 359 = 32*11 + 7 -> check digit '7'.
    ("LSVAM4187C2184847", "China", "Asia"),
]

# Published VINs of makers that do not use the check digit (vininfo asserts
# verify_checksum() False for Ford Australia and Lada).
KNOWN_NO_CHECK_DIGIT = ["6FPAAAJGAT4Z00001", "XTAGFK330JY144213"]


@pytest.mark.parametrize(("vin", "country", "region"), KNOWN_VALID)
def test_known_valid_vins(vin: str, country: str, region: str) -> None:
    assert validate(vin) == vin
    assert check_digit_status(vin) is CheckDigitStatus.VALID
    info = describe(vin)
    assert (info.country, info.region) == (country, region)
    assert info.wmi == vin[:3] and info.vds == vin[3:9] and info.vis == vin[9:]
    assert info.serial == vin[11:] and info.plant_code == vin[10]


@pytest.mark.parametrize("vin", KNOWN_NO_CHECK_DIGIT)
def test_makers_without_check_digit(vin: str) -> None:
    with pytest.raises(VinCheckDigitError):
        validate(vin)
    assert validate(vin, require_check_digit=False) == vin
    assert check_digit_status(vin, require=False) is CheckDigitStatus.NOT_REQUIRED
    assert check_digit_status(vin, require=True) is CheckDigitStatus.INVALID


@pytest.mark.parametrize(("vin", "country", "region"), KNOWN_VALID)
def test_check_residues_sum_to_zero_only_for_a_valid_vin(vin: str, country: str,
                                                         region: str) -> None:
    assert sum(check_residue(i, c) for i, c in enumerate(vin)) % 11 == 0
    wrong = "X" if vin[8] != "X" else "0"
    broken = vin[:8] + wrong + vin[9:]
    assert sum(check_residue(i, c) for i, c in enumerate(broken)) % 11 != 0


def test_check_digit_by_hand() -> None:
    # 1M8GDM9A?KP042788: 1*8 + M4*7 + 8*6 + G7*5 + D4*4 + M4*3 + 9*2 + A1*10 + K2*9 + P7*8
    # + 0*7 + 4*6 + 2*5 + 7*4 + 8*3 + 8*2 = 351 = 31*11 + 10 -> 'X'
    with pytest.raises(VinCheckDigitError) as info:
        validate("1M8GDM9AYKP042788")
    assert (info.value.expected, info.value.found) == ("X", "Y")
    assert compute_check_digit("1M8GDM9AYKP042788") == "X"
    assert error_code(info.value) == "vin_check_digit"


def test_check_digit_remainder_ten_is_x_and_digit_zero() -> None:
    assert compute_check_digit("5N1NJ01C0ST000001") == "X"  # published VIN has X
    assert compute_check_digit("SAL1A2A4XSA606662") == "0"  # published VIN has 0


@pytest.mark.parametrize(("text", "length"), [
    ("1M8GDM9AXKP04278", 16), ("1M8GDM9AXKP0427888", 18), ("", 0), ("LSV", 3)])
def test_length_errors(text: str, length: int) -> None:
    with pytest.raises(VinLengthError) as info:
        validate(text)
    assert info.value.length == length
    assert error_code(info.value) == "vin_length"


@pytest.mark.parametrize(("text", "char", "position"), [
    ("IM8GDM9AXKP042788", "I", 1),
    ("1M8GDM9AXKP04278O", "O", 17),
    ("1M8GDMQAXKP042788", "Q", 7),
    ("1M8GDM9AXKP0427*8", "*", 16),
    ("1M8GDM9AXKÖ042788", "Ö", 11),
    ("1M8GDM9AXKß042788", "ß", 11),  # not "SS": positions stay put
])
def test_character_errors(text: str, char: str, position: int) -> None:
    with pytest.raises(VinCharacterError) as info:
        validate(text)
    assert (info.value.char, info.value.position) == (char, position)
    assert f"position {position}" in str(info.value)


@pytest.mark.parametrize("code", ["U", "Z", "0"])
def test_model_year_errors(code: str) -> None:
    vin = "LSVAM4187" + code + "2184847"  # check digit now wrong too: year is checked first
    with pytest.raises(VinModelYearError) as info:
        validate(vin)
    assert info.value.code == code
    # Where the model-year code is not mandated (ISO 3779 alone) it is not an error.
    fixed = vin[:8] + ref_check_digit(vin) + vin[9:]
    assert validate(fixed, require_check_digit=False) == fixed
    with pytest.raises(VinModelYearError):
        validate(fixed)


def test_order_of_checks() -> None:
    with pytest.raises(VinLengthError):
        validate("IOQ")  # length before characters
    with pytest.raises(VinCharacterError):
        validate("1M8GDM9AYUP04278O")  # characters before model year and check digit
    with pytest.raises(VinModelYearError):
        validate("1M8GDM9AYUP042788")  # model year before check digit


@pytest.mark.parametrize(("text", "expected"), [
    (" 1m8-gdm9.axk_p04/2788 ", "1M8GDM9AXKP042788"),
    ("ＬＳＶＡＭ４１８７Ｃ２１８４８４７", "LSVAM4187C2184847"),
    ("LSVAM\u30004187 C218\t4847", "LSVAM4187C2184847"),
])
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected
    assert validate(text) == expected


def test_not_text_is_a_vin_error() -> None:
    with pytest.raises(VinError):
        validate(None)  # type: ignore[arg-type]


def _valid_bases() -> list[str]:
    return ["1M8GDM9AXKP042788", "LSVAM4187C2184847"]


@pytest.mark.parametrize("base", _valid_bases())
def test_every_detectable_single_substitution_is_caught(base: str) -> None:
    caught = missed = 0
    for pos in range(17):
        if pos == 8:
            continue
        for ch in ALLOWED:
            if ch == base[pos] or (pos == 9 and ch in "UZ0"):
                continue
            vin = base[:pos] + ch + base[pos + 1:]
            detectable = (REF_WEIGHTS[pos] * (REF_VALUES[ch] - REF_VALUES[base[pos]])) % 11 != 0
            if detectable:
                with pytest.raises(VinCheckDigitError):
                    validate(vin)
                caught += 1
            else:
                assert validate(vin) == vin  # same transliterated value: undetectable
                missed += 1
    assert caught > 10 * missed > 0


def test_every_wrong_check_digit_is_caught() -> None:
    base = "LSVAM4187C2184847"
    for ch in "0123456789X":
        vin = base[:8] + ch + base[9:]
        assert is_valid(vin) == (ch == "7")


@pytest.mark.parametrize(("code", "year", "expected"), [
    ("A", 2025, (2010, 1980)),
    ("T", 2025, (2026, 1996)),  # next model year may already be on sale
    ("S", 2025, (2025, 1995)),
    ("Y", 2025, (2000,)),  # 1970 is before the code table
    ("9", 2025, (2009,)),
    ("1", 2031, (2031, 2001)),
    ("U", 2025, ()),
    ("0", 2025, ()),
])
def test_model_year_candidates(code: str, year: int, expected: tuple[int, ...]) -> None:
    assert model_year_candidates(code, current_year=year) == expected


@pytest.mark.parametrize(("wmi", "country", "maker"), [
    ("LFV", "China", "FAW-Volkswagen"),
    ("LRW", "China", "Tesla (Shanghai)"),
    ("L6T", "China", "Geely"),
    ("LC0", "China", "BYD"),
    ("WBA", "Germany", "BMW"),
    ("VF1", "France", "Renault"),
    ("ZFA", "Italy", "Fiat"),
    ("KMH", "South Korea", "Hyundai"),
    ("2HG", "Canada", "Honda (Canada)"),
    ("3VW", "Mexico", "Volkswagen (Mexico)"),
    ("9BW", "Brazil", "Volkswagen (Brazil)"),
    ("6FP", "Australia", "Ford (Australia)"),
    ("LXX", "China", None),  # unknown maker never makes a VIN invalid
])
def test_wmi_decoding(wmi: str, country: str, maker: str | None) -> None:
    vin = wmi + "AM4187C2184847"
    vin = vin[:8] + ref_check_digit(vin) + vin[9:]
    info = describe(vin)
    assert info.country == country
    assert info.maker == maker


def test_unlisted_country_keeps_region() -> None:
    vin = "A9VAM4187C2184847"
    info = describe(vin, strict=False)
    assert (info.region, info.country) == ("Africa", None)


def test_describe_strict_and_lenient() -> None:
    with pytest.raises(VinCheckDigitError):
        describe("1M8GDM9AYKP042788")
    info = describe("1M8GDM9AYKP042788", strict=False)
    assert info.check_digit_status is CheckDigitStatus.INVALID
    assert (info.expected_check_digit, info.check_digit) == ("X", "Y")
    d = info.to_dict()
    assert d["check_digit"] == {"expected": "X", "found": "Y", "status": "invalid"}


# --- the shared corpus (skipped when absent) ----------------------------------------------

def _read_list(corpus, name: str) -> list[str]:
    path = corpus / "vin-lists" / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.corpus
def test_corpus_checkdigit_pass(corpus_dir) -> None:
    vins = _read_list(corpus_dir, "checkdigit_pass.txt")
    assert len(vins) > 100
    for vin in vins:
        assert check_digit_status(vin) is CheckDigitStatus.VALID, vin
        assert validate(vin, require_check_digit=False) == vin
        if vin[9] in "UZ0":
            # European VINs (BMW) put 0 at position 10: impossible under GB 16735 / 49 CFR 565.
            with pytest.raises(VinModelYearError):
                validate(vin)
        else:
            assert validate(vin) == vin


@pytest.mark.corpus
def test_corpus_checkdigit_fail(corpus_dir) -> None:
    vins = _read_list(corpus_dir, "checkdigit_fail.txt")
    assert len(vins) > 10
    for text in vins:
        vin = text.upper()
        with pytest.raises((VinCheckDigitError, VinModelYearError)) as info:
            validate(text)
        if vin[9] not in "UZ0":
            assert isinstance(info.value, VinCheckDigitError), text
            assert info.value.expected == ref_check_digit(vin)
        assert validate(text, require_check_digit=False) == vin
        assert check_digit_status(text, require=False) is CheckDigitStatus.NOT_REQUIRED


@pytest.mark.corpus
def test_corpus_malformed(corpus_dir) -> None:
    for vin in _read_list(corpus_dir, "malformed.txt"):
        first_bad = next(i for i, c in enumerate(vin) if c not in ALLOWED)
        for require in (True, False):
            with pytest.raises(VinCharacterError) as info:
                validate(vin, require_check_digit=require)
            assert info.value.position == first_bad + 1


@pytest.mark.corpus
def test_corpus_table_claims(corpus_dir) -> None:
    path = corpus_dir / "vin-lists" / "all_vins.tsv"
    if not path.exists():
        pytest.skip("all_vins.tsv not in the corpus")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    for row in rows:
        vin, computed = row[0], row[4].strip()
        if computed == "malformed":
            with pytest.raises(VinCharacterError):
                compute_check_digit(vin)
        else:
            status = check_digit_status(vin)
            assert status is (CheckDigitStatus.VALID if computed == "pass"
                              else CheckDigitStatus.INVALID), vin
