#!/usr/bin/env python3
"""Draws the default theme's share card (1200x630 PNG) with the standard library only.

Deterministic: the same script always writes the same bytes. Run it again only to change the design:
    python3 scripts/make-share-card.py themes/default/assets/share-card.png
"""
import math
import struct
import sys
import zlib

W, H = 1200, 630
RED = (0xA4, 0x16, 0x1A)
RED_DARK = (0x7A, 0x0F, 0x12)
GOLD = (0xFF, 0xCD, 0x00)
SOFT = (0xF6, 0xF3, 0xEF)


def star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def inside(poly, x, y):
    hit = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def mix(a, b, t):
    return tuple(round(a[k] * (1 - t) + b[k] * t) for k in range(3))


def pixel(x, y, poly, circle):
    cx, cy, r = circle
    if y >= H - 96:
        return RED_DARK
    # text-like bars on the right: the card carries no words, only the site's colours
    for top, width in ((200, 560), (262, 480), (324, 520), (410, 300)):
        if 520 <= x < 520 + width and top <= y < top + (30 if top < 400 else 18):
            return SOFT if top < 400 else GOLD
    d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
    if d <= r + 1:
        # 4x4 supersampling on the star and the circle's rim
        hits = 0
        for sy in range(4):
            for sx in range(4):
                px, py = x + (sx + 0.5) / 4, y + (sy + 0.5) / 4
                if math.hypot(px - cx, py - cy) <= r and not inside(poly, px, py):
                    hits += 1
        return mix(RED, GOLD, hits / 16)  # gold disc, red star
    return RED


def main(path):
    circle = (290, 267, 170)
    poly = star(circle[0], circle[1] + 8, 140, 56)
    rows = bytearray()
    for y in range(H):
        rows.append(0)
        for x in range(W):
            rows.extend(pixel(x, y, poly, circle))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "themes/default/assets/share-card.png")
