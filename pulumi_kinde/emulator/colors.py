"""Organization brand colors: sent as a hex string, returned as ``{raw, hex, hsl}``."""

from __future__ import annotations

import colorsys
import re

__all__ = ["describe", "is_color"]

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def is_color(value: str) -> bool:
    """Whether ``value`` is a ``#rgb`` or ``#rrggbb`` color (the ``#`` is optional)."""
    return _HEX.fullmatch(value) is not None


def describe(raw: str) -> dict[str, str]:
    """``raw`` as Kinde returns a color: ``{"raw": ..., "hex": "#rrggbb", "hsl": "hsl(...)"}``."""
    found = _HEX.fullmatch(raw)
    if found is None:
        raise ValueError(f"not a color: {raw!r}")
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    hsl = f"hsl({round(hue * 360) % 360}, {round(saturation * 100)}%, {round(lightness * 100)}%)"
    return {"raw": raw, "hex": f"#{digits}", "hsl": hsl}
