"""The histogram median / percentiles of 8-bit images give numpy's numbers and types."""

from __future__ import annotations

import numpy as np
import pytest

from vincheck.rubbing.u8stats import median_u8, percentile_u8, percentiles_u8

QS = (0.0, 1.0, 2.0, 5.0, 25.0, 50.0, 97.0, 99.5, 100.0, 33.3)


@pytest.mark.parametrize("seed", range(4))
def test_same_numbers_as_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(200):
        n = int(rng.integers(1, 400))
        lo = int(rng.integers(0, 250))
        a = rng.integers(lo, min(256, lo + int(rng.integers(1, 256))), n).astype(np.uint8)
        a = a.reshape(1, -1) if n % 2 else a  # 1-D and 2-D
        assert median_u8(a) == np.median(a)
        assert percentiles_u8(a, QS) == [float(x) for x in np.percentile(a, QS)]
        assert percentile_u8(a, 99.5) == np.percentile(a, 99.5)


def test_numpy_float64_keeps_numpy_arithmetic() -> None:
    img = np.arange(256, dtype=np.uint8).reshape(16, 16)
    lo, hi = percentiles_u8(img, (1, 99.5))
    ref_lo, ref_hi = np.percentile(img, [1, 99.5])
    got = (img.astype(np.float32) - lo) * (255.0 / max(float(hi - lo), 1.0))
    ref = (img.astype(np.float32) - ref_lo) * (255.0 / max(float(ref_hi - ref_lo), 1.0))
    assert got.dtype == ref.dtype and np.array_equal(got, ref)


def test_refuses_other_types_and_empty() -> None:
    with pytest.raises(TypeError):
        median_u8(np.zeros(3, np.float32))
    with pytest.raises(TypeError):
        percentiles_u8(np.zeros(3, np.uint16), (50,))
    with pytest.raises(ValueError):
        median_u8(np.zeros(0, np.uint8))
    with pytest.raises(ValueError):
        percentile_u8(np.zeros((0, 4), np.uint8), 50)
