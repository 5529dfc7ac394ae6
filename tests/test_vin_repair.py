"""repair(): OCR candidates -> best valid VINs, and the decision about them.

The VINs are generated with a reference check digit written here from REGULATION.md, so
nothing expected is computed by vincheck.vin itself.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
import time

import pytest

from vincheck.errors import UsageError, VinLengthError
from vincheck.vin import RepairDecision, confusion_candidates, repair

VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ",
                  [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9],
                  strict=True)) | {str(d): d for d in range(10)}
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
ALLOWED = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"


def ref_check(vin: str) -> str:
    r = sum(VALUES[c] * w for c, w in zip(vin, WEIGHTS, strict=True)) % 11
    return "X" if r == 10 else str(r)


def ref_valid(vin: str) -> bool:
    return (len(vin) == 17 and all(c in ALLOWED for c in vin) and vin[9] not in "UZ0"
            and vin[8] == ref_check(vin))


def random_vin(rng: random.Random) -> str:
    body = "L" + "".join(rng.choice(ALLOWED) for _ in range(7)) + "0" + rng.choice(YEAR_CODES) \
        + "".join(rng.choice(ALLOWED) for _ in range(7))
    return body[:8] + ref_check(body) + body[9:]


def confident(vin: str, score: float = 0.97) -> list[dict[str, float]]:
    return [{c: score} for c in vin]


def corrupt(rng: random.Random, vin: str, n: int) -> tuple[str, list[int]]:
    """``vin`` with ``n`` positions changed so that the result is not a valid VIN, and no
    partial undoing of the changes is valid either (else the check digit could not tell)."""
    while True:
        positions = rng.sample(range(17), n)
        chars = list(vin)
        for p in positions:
            chars[p] = rng.choice([c for c in ALLOWED if c != vin[p]])
        bad = "".join(chars)
        partial = [
            "".join(vin[i] if i in undo else bad[i] for i in range(17))
            for k in range(n) for undo in itertools.combinations(positions, k)]
        if not any(ref_valid(text) for text in partial):
            return bad, positions


@pytest.mark.parametrize("n_wrong", [1, 2])
def test_true_vin_ranked_first_when_it_is_the_second_choice(n_wrong: int) -> None:
    rng = random.Random(1000 + n_wrong)
    for _ in range(150):
        vin = random_vin(rng)
        bad, positions = corrupt(rng, vin, n_wrong)
        cands = confident(bad)
        for p in positions:
            cands[p] = {bad[p]: 0.6, vin[p]: 0.35}
        # background noise: a low alternative at some sure positions
        for p in rng.sample([i for i in range(17) if i not in positions], 4):
            cands[p] = {vin[p]: 0.97, rng.choice(ALLOWED.replace(vin[p], "")): 0.02}
        res = repair(cands)
        assert res.as_read == bad
        assert res.candidates[0].vin == vin
        assert res.candidates[0].changed_positions == tuple(sorted(p + 1 for p in positions))
        assert res.decision is RepairDecision.REPAIRED
        assert res.vin == vin and res.confidence > 0.5


def test_valid_reading_is_as_read() -> None:
    rng = random.Random(7)
    for _ in range(20):
        vin = random_vin(rng)
        res = repair(confident(vin, 0.99))
        assert res.decision is RepairDecision.AS_READ
        assert res.vin == vin and res.candidates[0].changes == 0
        assert res.confidence > 0.9


def test_confidence_reflects_ocr_uncertainty() -> None:
    vin = random_vin(random.Random(3))
    sure = repair(confident(vin, 0.995))
    unsure = repair(confident(vin, 0.75))
    assert sure.candidates[0].confidence > 0.95
    assert unsure.candidates[0].confidence < 0.5
    # a valid reading made of low-confidence characters is not waved through
    assert unsure.decision is not RepairDecision.AS_READ


def test_confident_wrong_check_digit_is_reported_as_stamped() -> None:
    rng = random.Random(11)
    for _ in range(30):
        vin = random_vin(rng)
        stamped = vin[:8] + rng.choice([c for c in "0123456789X" if c != vin[8]]) + vin[9:]
        for cands in (confident(stamped, 0.99), confusion_candidates(stamped, [0.99] * 17)):
            res = repair(cands)
            assert res.decision is RepairDecision.STAMPED_INVALID
            assert res.vin == res.as_read == stamped


@pytest.mark.parametrize(("pos", "char", "word"), [(8, "B", "check digit"),
                                                    (9, "U", "model-year")])
def test_confident_rule_breaking_letter_is_stamped(pos: int, char: str, word: str) -> None:
    vin = random_vin(random.Random(6))
    stamped = vin[:pos] + char + vin[pos + 1:]
    res = repair(confident(stamped, 0.99))
    assert res.decision is RepairDecision.STAMPED_INVALID and res.vin == stamped
    assert word in res.reason


def test_stamped_invalid_even_when_a_low_alternative_would_fix_it() -> None:
    vin = random_vin(random.Random(5))
    stamped = vin[:12] + ("8" if vin[12] != "8" else "B") + vin[13:]
    assert not ref_valid(stamped)
    cands = confident(stamped, 0.99)
    cands[12] = {stamped[12]: 0.98, vin[12]: 0.02}  # the OCR barely considers the fix
    res = repair(cands)
    assert vin in [c.vin for c in res.candidates]  # listed for the operator ...
    assert res.decision is RepairDecision.STAMPED_INVALID  # ... but never chosen
    assert res.vin == stamped


def test_flat_low_scores_are_unrepairable() -> None:
    vin = random_vin(random.Random(9))
    cands = confident(vin)
    for p in (2, 6, 13):
        cands[p] = {c: 0.1 for c in "18BSZ2"}
    res = repair(cands)
    assert res.decision is RepairDecision.UNREPAIRABLE and res.vin is None
    assert {3, 7, 14} <= set(res.unsure_positions)


def test_empty_position_is_unrepairable() -> None:
    vin = random_vin(random.Random(10))
    cands = confident(vin)
    cands[4] = {}
    res = repair(cands)
    assert res.decision is RepairDecision.UNREPAIRABLE
    assert res.as_read[4] == "?" and res.vin is None and res.confidence == 0.0


def test_forbidden_reading_without_alternative_is_unrepairable() -> None:
    vin = random_vin(random.Random(12))
    vin = vin[:15] + "0" + vin[16:]
    vin = vin[:8] + ref_check(vin) + vin[9:]
    cands = confident(vin)
    cands[15] = {"O": 0.99}  # repair() does not invent the 0 the caller did not give
    res = repair(cands)
    assert res.decision is RepairDecision.UNREPAIRABLE and res.candidates == ()
    cands[15] = {"O": 0.95, "0": 0.03}  # given, however low: O is impossible
    res = repair(cands)
    assert res.decision is RepairDecision.REPAIRED and res.vin == vin


def test_forbidden_letter_replaced_from_confusions() -> None:
    vin = random_vin(random.Random(13))
    vin = vin[:15] + "0" + vin[16:]
    vin = vin[:8] + ref_check(vin) + vin[9:]
    read = vin[:15] + "O" + vin[16:]
    res = repair(confusion_candidates(read, [0.98] * 17))
    assert res.decision is RepairDecision.REPAIRED
    assert res.vin == vin and res.candidates[0].changed_positions == (16,)


def test_two_equally_supported_corrections_are_ambiguous() -> None:
    rng = random.Random(21)
    found = 0
    for _ in range(50):
        vin = random_vin(rng)
        bad, (p1,) = corrupt(rng, vin, 1)
        # a second position whose change would also make `bad` valid
        alt = next(((p2, c) for p2 in range(17) if p2 not in (p1, 8, 9)
                    for c in ALLOWED if c != bad[p2]
                    and ref_valid(bad[:p2] + c + bad[p2 + 1:])), None)
        if alt is None or p1 in (8, 9):
            continue
        p2, c2 = alt
        cands = confident(bad)
        cands[p1] = {bad[p1]: 0.55, vin[p1]: 0.45}
        cands[p2] = {bad[p2]: 0.55, c2: 0.45}
        res = repair(cands)
        assert res.decision is RepairDecision.AMBIGUOUS and res.vin is None
        assert {c.vin for c in res.candidates[:2]} == {vin, bad[:p2] + c2 + bad[p2 + 1:]}
        # twice as likely is not a clear margin by default (3), but is with min_margin 1.5
        cands[p2] = {bad[p2]: 0.55, c2: 0.225}
        res = repair(cands)
        assert res.decision is RepairDecision.AMBIGUOUS
        assert res.candidates[0].vin == vin and res.candidates[0].confidence > 0.5
        res = repair(cands, min_margin=1.5)
        assert res.decision is RepairDecision.REPAIRED and res.vin == vin
        found += 1
    assert found > 10


def test_without_check_digit_only_characters_are_repaired() -> None:
    vin = "WBA71DC010CH14720"  # BMW, no check digit and 0 at position 10 (allowed in ISO 3779)
    cands = confident(vin)
    cands[3] = {"I": 0.7, "7": 0.3}
    res = repair(cands, require_check_digit=False)
    assert res.decision is RepairDecision.REPAIRED and res.vin == vin
    assert repair(confident(vin), require_check_digit=False).decision is RepairDecision.AS_READ


def test_k_best_is_exact_against_brute_force() -> None:
    """Scores summing to 1 per position make the probability model a plain product, which
    brute force can enumerate: the ranking and the confidences must match exactly."""
    rng = random.Random(31)
    for _ in range(25):
        vin = random_vin(rng)
        cands: list[dict[str, float]] = [{c: 1.0} for c in vin]
        for p in rng.sample(range(17), 5):
            options = rng.sample([c for c in ALLOWED if c != vin[p]], rng.randint(1, 2))
            weights = [rng.uniform(0.05, 1.0) for _ in range(len(options) + 1)]
            total = sum(weights)
            cands[p] = {c: w / total for c, w in zip([vin[p], *options], weights, strict=True)}
        top = "".join(max(m, key=m.get) for m in cands)
        scored = []
        valid_mass = 0.0
        for combo in itertools.product(*[list(m.items()) for m in cands]):
            text = "".join(c for c, _ in combo)
            if not ref_valid(text):
                continue
            p = math.prod(s for _, s in combo)
            valid_mass += p
            if sum(a != b for a, b in zip(text, top, strict=True)) <= 3:
                scored.append((p, text))
        scored.sort(key=lambda t: (-t[0], t[1]))
        res = repair(cands, max_changes=3, top_k=5)
        assert [c.vin for c in res.candidates] == [t for _, t in scored[:5]]
        for cand, (p, _) in zip(res.candidates, scored, strict=False):
            assert cand.log_score == pytest.approx(math.log(p))
            assert cand.confidence == pytest.approx(p / valid_mass)


def test_bad_input_raises_typed_errors() -> None:
    with pytest.raises(VinLengthError):
        repair([{"A": 1.0}] * 16)
    with pytest.raises(UsageError):
        repair("LSVAM4187C2184847")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        repair([{"A": 1.5}] * 17)
    with pytest.raises(UsageError):
        repair([{"A": float("nan")}] * 17)
    with pytest.raises(UsageError):
        repair([{"AB": 0.5}] * 17)
    with pytest.raises(UsageError):
        confusion_candidates("ABC", [0.9])


def test_confusion_candidates() -> None:
    cands = confusion_candidates("O1Ｓ8x", [0.6, 0.9, 0.8, 1.0, 0.7])
    assert cands[0]["O"] == 0.6 and cands[0]["0"] == pytest.approx(0.2)
    assert cands[0]["D"] == pytest.approx(0.2)
    assert cands[1]["7"] == pytest.approx(0.1)
    assert cands[2] == {"S": 0.8, "5": pytest.approx(0.2)}
    assert cands[3]["B"] == pytest.approx(0.02)  # floor: a sure read still lists B, low
    assert cands[4] == {"X": 0.7}  # no known confusion: nothing invented


def test_repair_is_fast() -> None:
    rng = random.Random(41)
    inputs = []
    for _ in range(60):
        vin = random_vin(rng)
        bad, _ = corrupt(rng, vin, 2)
        inputs.append(confusion_candidates(bad, [rng.uniform(0.5, 0.99) for _ in range(17)]))
    times = []
    for cands in inputs:
        t0 = time.perf_counter()
        repair(cands)
        times.append(time.perf_counter() - t0)
    assert statistics.median(times) < 0.010
