"""The VIN read off one strip and the ``unreadable`` finding about it.

:func:`read_vin` applies the VIN rules (``vin.repair``) to the 17 character distributions;
:func:`unreadable_finding` then walks :data:`CASCADE`, an ordered table of (name, condition,
status, message): the first condition that holds gives the finding. FAIL only when the VIN
truly cannot be read off the tape (no characters, a short line most of whose characters
are illegible, a full line with more unreadable positions than can be repaired); one
unsure glyph, or a reading the check digit does not confirm, is for review.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from vincheck.findings import CharRead, Finding, Shape, Status
from vincheck.rubbing.copies import blind_doubts
from vincheck.rubbing.read import StripRead
from vincheck.rubbing.vin_doubt import confusion_alternative, invalid_everywhere, joint
from vincheck.rubbing.vin_prior import with_vin_priors
from vincheck.settings import RubbingSettings
from vincheck.vin import VIN_LENGTH

# A line of this many characters or fewer is no readable VIN (a truncated tape still
# carries most of the 17): it is unreadable rather than truncated.
MIN_LINE_CHARS = 4
# A character whose best reading scores below this is unreadable (``vin.repair``'s
# ``min_top_score``): more than two of them cannot be repaired by the check digit.
UNREADABLE_SCORE = 0.40
# A character whose alternative of the same check-digit value scores at least this share
# of it is for a person to confirm (held-out report set, seed 11: a die-struck J read as
# 1 with J at 0.31 of it passed with a valid check digit).
BLIND_SHARE = 0.2


@dataclass
class VinReading:
    """The VIN rules applied to a strip's characters: ``rep`` the repair (None unless 17
    characters), ``vin`` the VIN chosen or None, ``conf`` its confidence 0-1,
    ``doubtful_invalid`` when no plausible reading meets the check digit (reported as
    stamped, for a person to confirm), ``confusion`` the valid VIN one common OCR
    confusion away (vin, 1-based position, character) when the reading fails the check
    digit."""

    rep: Any = None
    vin: str | None = None
    conf: float = 0.0
    doubtful_invalid: bool = False
    confusion: tuple[str, int, str] | None = None

    @property
    def chosen(self) -> str:
        """The characters shown: the VIN, else the reading as stamped."""
        return self.vin or (self.rep.as_read if self.rep is not None else "")


def _repair(char_scores: Sequence[dict], cfg: RubbingSettings):  # noqa: ANN202
    from vincheck.vin import repair

    return repair(char_scores, require_check_digit=cfg.require_check_digit, max_changes=2,
                  top_k=5)


def read_vin(char_scores: Sequence[dict], cfg: RubbingSettings, confirmed: bool = False
             ) -> VinReading:
    """The VIN of a strip from its character distributions (see :class:`VinReading`);
    ``confirmed``: another rubbing on the sheet reads the same valid VIN as this one's best
    characters (:func:`vincheck.rubbing.copies.agreeing_copies`)."""
    out = VinReading()
    if len(char_scores) != VIN_LENGTH:
        return out
    char_scores = with_vin_priors(char_scores)
    rep = out.rep = _repair(char_scores, cfg)
    out.vin, out.conf = rep.vin, float(rep.confidence)
    if confirmed:  # another copy reads the same valid VIN: it is the VIN as read
        out.vin, out.conf = rep.as_read, max(out.conf, joint(char_scores, rep.as_read))
        return out
    # no valid VIN lies within the plausible readings at all: whichever way the unsure
    # characters are read, the check digit fails. Report the reading as stamped (check
    # digit failed) and ask a person to confirm the unsure characters.
    if (rep.decision == "unrepairable" and not rep.candidates and "?" not in rep.as_read
            and 0 < len(rep.unsure_positions) <= 2 and cfg.require_check_digit
            and invalid_everywhere(char_scores, rep.as_read)):
        out.doubtful_invalid = True
        out.vin = rep.as_read
        out.conf = joint(char_scores, rep.as_read)
    # the reading fails the check digit: would a common OCR confusion (U/V, S/5, Z/2 ...)
    # at one position make it valid? Then a person must look (never silently corrected)
    if cfg.require_check_digit and (rep.decision == "stamped_invalid" or out.doubtful_invalid):
        out.confusion = confusion_alternative(char_scores, rep.as_read)
    return out


@dataclass
class Legibility:
    """How legible a strip's characters are: ``n_chars`` found, ``illegible_share`` of
    them under the confidence limit, ``illegible`` (FAIL: the VIN cannot be read),
    ``blocked`` (the other rules cannot be judged), ``low`` the 1-based positions read
    with low confidence, ``need`` the confidence a character needs, ``min_conf`` the
    lowest character confidence."""

    n_chars: int
    illegible_share: float
    illegible: bool
    blocked: bool
    low: list[int] = field(default_factory=list)
    need: float = 0.0
    min_conf: float = 0.0


def legibility(rd: StripRead, reading: VinReading, chars: Sequence[CharRead],
               cfg: RubbingSettings) -> Legibility:
    """The :class:`Legibility` of a strip read as ``reading`` with characters ``chars``."""
    rep, n_chars = reading.rep, len(rd.chars)
    if rd.confirmed_by and reading.vin:  # the other copy reads the same valid VIN
        return Legibility(n_chars, 0.0, False, False, [], 0.0,
                          min((c.confidence for c in chars), default=0.0))
    # a valid check digit is ~10:1 evidence for the whole reading: with it, a character
    # needs only half the usual confidence before it is flagged
    need = cfg.min_char_confidence * (
        0.5 if rep is not None and rep.decision in ("as_read", "repaired") else 1.0)
    # ... but not where the engines disagree on the character (an unseen face's B / 8,
    # D / 0 may still meet the check digit by chance): there the full confidence is needed
    disputed = set(rd.disputed)
    # ... nor where a character has a likely alternative of the same value in the check
    # digit's sum (J / 1, C / L, S / 2): the check digit cannot tell them apart
    blind = blind_doubts(rd, BLIND_SHARE)
    low = [i + 1 for i, c in enumerate(chars) if c.confidence < need or i in blind
           or (i in disputed and c.confidence < cfg.min_char_confidence)]
    tops = [max(sc.values(), default=0.0) for sc in rd.char_scores]
    share = (sum(t < cfg.min_char_confidence for t in tops) / n_chars if n_chars else 1.0)
    n_unreadable = sum(t < UNREADABLE_SCORE for t in tops)
    many_unreadable = n_chars == VIN_LENGTH and (
        share >= cfg.max_illegible_share
        or (rep is not None and rep.decision == "unrepairable" and n_unreadable > 2))
    illegible = n_chars == 0 or many_unreadable or (
        n_chars < VIN_LENGTH and (n_chars <= MIN_LINE_CHARS or share >= cfg.max_illegible_share))
    blocked = illegible or (rep is not None and rep.decision == "unrepairable"
                            and n_chars == VIN_LENGTH and len(rep.unsure_positions) > 2)
    return Legibility(n_chars, share, illegible, blocked, low, need,
                      min((c.confidence for c in chars), default=0.0))


@dataclass
class _Case:
    """What the cascade's conditions and messages read."""

    rd: StripRead
    reading: VinReading
    leg: Legibility
    chars: Sequence[CharRead]

    @property
    def rep(self) -> Any:
        return self.reading.rep

    def repaired_unsure(self) -> bool:
        """A repaired reading whose changed characters are unsure, or with low ones."""
        best = self.rep.best
        pos = list(best.changed_positions) if best else []
        return bool(self.leg.low) or any(self.chars[p - 1].confidence < self.leg.need
                                         for p in pos)


def _m_none(c: _Case) -> str:
    return "no characters could be found on the rubbing"


def _m_illegible(c: _Case) -> str:
    return (f"the VIN cannot be read: {c.leg.n_chars} character(s) found, "
            f"{c.leg.illegible_share:.0%} of them illegible (read as {c.rd.raw})")


def _m_confusion(c: _Case) -> str:
    v, pos, alt = c.reading.confusion or ("", 0, "")
    return (f"read as {c.rep.as_read}, whose check digit fails; reading position {pos} as "
            f"{alt!r} (a common OCR confusion) gives the valid VIN {v}: please compare "
            "with the tape")


def _m_doubtful(c: _Case) -> str:
    pos = ", ".join(map(str, c.rep.unsure_positions))
    return f"read as {c.rep.as_read}; position(s) {pos} are unsure: please confirm"


def _m_dropped(c: _Case) -> str:
    return (f"read as {c.reading.chosen}; a mark between the characters was left out "
            f"(read as {c.rd.raw}, ~ = left out): please confirm")


def _m_unsure(c: _Case) -> str:
    return (f"the VIN cannot be read with confidence ({c.rep.reason}); read as "
            f"{c.rep.as_read}")


def _m_repaired(c: _Case) -> str:
    best = c.rep.best
    pos = list(best.changed_positions) if best else []
    return (f"read {c.rep.as_read}, corrected to {c.rep.vin} at position(s) "
            f"{', '.join(map(str, pos))}" + ("; please confirm" if c.repaired_unsure() else ""))


def _m_low(c: _Case) -> str:
    return (f"characters at position(s) {', '.join(map(str, c.leg.low))} read with low "
            "confidence; please confirm")


def _m_confirmed(c: _Case) -> str:
    others = ", ".join(map(str, c.rd.confirmed_by))
    return (f"{c.leg.n_chars} characters read; the other rubbing(s) on the sheet ({others}) "
            "read the same valid VIN")


def _m_dot_peen(c: _Case) -> str:
    return (f"read as {c.reading.chosen}; the VIN is marked in dots (dot peen), where B / 8, "
            "S / 5, G / 6 and D / 0 differ by a dot or two: please confirm every character")


def _m_read(c: _Case) -> str:
    return f"{c.leg.n_chars} characters read"


def _is_repaired(c: _Case) -> bool:
    return c.rep is not None and c.rep.decision == "repaired"


StatusRule = Status | Callable[[_Case], Status]
# The ``unreadable`` cascade, in order: (name, condition, status, message).
CASCADE: list[tuple[str, Callable[[_Case], bool], StatusRule, Callable[[_Case], str]]] = [
    ("no characters", lambda c: c.leg.n_chars == 0, Status.FAIL, _m_none),
    ("illegible", lambda c: c.leg.illegible, Status.FAIL, _m_illegible),
    # dot peen: both engines and both copies read a dotted B as 8 alike (tuning set seed
    # 12: two wrong VINs with a valid check digit, read surely, passed); never passed unseen
    ("dot-peen marking", lambda c: c.rd.dot_peen, Status.REVIEW, _m_dot_peen),
    ("confirmed by another copy", lambda c: bool(c.rd.confirmed_by) and bool(c.reading.vin),
     Status.PASS, _m_confirmed),
    ("one confusion from a valid VIN", lambda c: c.reading.confusion is not None,
     Status.REVIEW, _m_confusion),
    ("no valid reading, few unsure", lambda c: c.reading.doubtful_invalid,
     Status.REVIEW, _m_doubtful),
    ("a mark left out inside the line", lambda c: "~" in c.rd.raw.strip("~#").strip("~"),
     Status.REVIEW, _m_dropped),
    ("unrepairable or ambiguous",
     lambda c: c.rep is not None and c.rep.decision in ("unrepairable", "ambiguous"),
     Status.REVIEW, _m_unsure),
    ("repaired", _is_repaired,
     lambda c: Status.REVIEW if c.repaired_unsure() else Status.PASS, _m_repaired),
    ("low-confidence characters", lambda c: bool(c.leg.low), Status.REVIEW, _m_low),
    ("read", lambda c: True, Status.PASS, _m_read),
]


def unreadable_finding(rd: StripRead, reading: VinReading, leg: Legibility,
                       chars: Sequence[CharRead], cfg: RubbingSettings,
                       outline: Shape, all_shapes: list[Shape], details: dict) -> Finding:
    """The ``unreadable`` finding: the first row of :data:`CASCADE` whose condition holds."""
    case = _Case(rd, reading, leg, chars)
    for name, cond, status, message in CASCADE:
        if not cond(case):
            continue
        st = status(case) if callable(status) else status
        if name == "no characters":
            return Finding("unreadable", st, measured=0, limit=VIN_LENGTH, unit="characters",
                           message=message(case), evidence=[outline], details=details)
        if name == "illegible":
            return Finding("unreadable", st, measured=round(leg.illegible_share, 3),
                           limit=cfg.max_illegible_share, unit="share of characters",
                           message=message(case), evidence=all_shapes, details=details)
        extra = ({"suggested_vin": reading.confusion[0]}
                 if name == "one confusion from a valid VIN" and reading.confusion else {})
        if name == "dot-peen marking":
            extra = {"dot_peen": True}
        return Finding("unreadable", st, measured=round(leg.min_conf, 3),
                       limit=cfg.min_char_confidence, unit="ratio", message=message(case),
                       evidence=all_shapes, details={**details, **extra})
    raise AssertionError("the cascade's last row always holds")
