"""The published copy of a contributor's picture: pixels only, no metadata.

A phone photo carries EXIF (camera, time) and often GPS coordinates of
where it was taken: for a storyteller, their home. The copy is rebuilt from
its pixels alone (after turning it upright as its EXIF orientation says), so
no EXIF, GPS, XMP, ICC comment or text chunk survives, whatever the format
kept.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "MPO": "JPEG"}


def strip_metadata(data: bytes) -> bytes:
    """``data`` (a JPEG, PNG or WebP file) re-encoded from its pixels, with no metadata."""
    with Image.open(io.BytesIO(data)) as original:
        fmt = _FORMATS.get(original.format or "", "PNG")
        upright = ImageOps.exif_transpose(original)
        if upright.mode == "P":
            upright = upright.convert("RGBA")
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    options = {"quality": 90} if fmt in ("JPEG", "WEBP") else {}
    pixels.save(out, format=fmt, **options)
    return out.getvalue()
