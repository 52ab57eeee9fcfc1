#!/usr/bin/env python3
"""Deterministic generated portal for benchmarks: gen-site.py OUT N (articles)."""
import os, random, shutil, sys

out, n = sys.argv[1], int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
rng = random.Random(20240415)
if os.path.exists(out):
    shutil.rmtree(out)
os.makedirs(f"{out}/content/articles")
shutil.copytree(f"{repo}/themes", f"{out}/themes")
shutil.copy(f"{repo}/content/site.yaml", f"{out}/content/site.yaml")
shutil.copy(f"{repo}/content/units.yaml", f"{out}/content/units.yaml")
shutil.copytree(f"{repo}/content/pages", f"{out}/content/pages")
for extra in ["media", "procedures", "rankings"]:   # what site.yaml and the pages refer to
    if os.path.isdir(f"{repo}/content/{extra}"):
        shutil.copytree(f"{repo}/content/{extra}", f"{out}/content/{extra}")
if os.path.exists(f"{repo}/content/hotlines.yaml"):
    shutil.copy(f"{repo}/content/hotlines.yaml", f"{out}/content/hotlines.yaml")
units = [l.split(":", 1)[1].strip() for l in open(f"{repo}/content/units.yaml", encoding="utf-8") if l.strip().startswith("- id:")]
words = ("cải cách hành chính thủ tục một cửa dịch vụ công trực tuyến người dân doanh nghiệp hồ sơ "
         "tiếp nhận giải quyết đúng hạn chỉ số hài lòng xã phường thị trấn huyện tỉnh kế hoạch năm triển khai").split()
cats = ["tuyen-truyen", "kinh-nghiem", "ke-hoach", "thong-bao", "chi-dao"]
tags = ["PAR INDEX", "SIPAS", "Một cửa", "Dịch vụ công", "Chuyển đổi số", "Hộ tịch", "Đất đai"]
def sentence(k):
    s = " ".join(rng.choice(words) for _ in range(k))
    return s[0].upper() + s[1:] + "."
for i in range(n):
    year = 2015 + i % 10
    month, day = 1 + (i // 10) % 12, 1 + (i // 120) % 28
    folder = f"{out}/content/articles/{year}"
    os.makedirs(folder, exist_ok=True)
    title = f"{sentence(8)[:-1]} số {i}"
    body = []
    for p in range(rng.randint(3, 8)):
        if p == 2:
            body.append(f"## Mục {p} của bài {i}")
        body.append(" ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 5))))
    with open(f"{folder}/bai-{i:05d}.md", "w", encoding="utf-8") as f:
        f.write("---\n")
        f.write(f'title: "{title}"\n')
        f.write(f"date: {year}-{month:02d}-{day:02d}\n")
        f.write(f"slug: bai-{i:05d}\n")
        f.write(f"units: [ {', '.join(rng.sample(units, rng.randint(0, 2)))} ]\n")
        f.write(f"category: {rng.choice(cats)}\n")
        f.write(f"tags: [ {', '.join(repr(t).replace(chr(39), chr(34)) for t in rng.sample(tags, rng.randint(0, 3)))} ]\n")
        f.write('author: "Văn phòng HĐND và UBND huyện"\n')
        f.write("---\n")
        f.write("\n\n".join(body) + "\n")
