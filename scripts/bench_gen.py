#!/usr/bin/env python3
"""Generates a deterministic benchmark portal of N articles, twice: in Loa's content format and as the
equivalent Hugo site (same articles, taxonomies for units/categories/tags, paginated lists, RSS, sitemap).

Text is real Vietnamese: sentences drawn from the sample articles (content/articles) and the seed
documents (/work/shared/seeds). Everything depends only on --seed and --articles.

    scripts/bench_gen.py --articles 10000 --out /tmp/loa-bench/10000
    -> OUT/loa/{content,themes}   OUT/hugo/{hugo.toml,content,layouts}
"""
import argparse
import csv
import datetime
import io
import os
import random
import re
import shutil
import sys

from bench_hugo import write_hugo_site

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = "/work/shared/seeds"

UNITS = [
    ("thi-tran-van-quan", "Thị trấn Văn Quan", "thi-tran"), ("an-son", "Xã An Sơn", "xa"),
    ("binh-phuc", "Xã Bình Phúc", "xa"), ("diem-he", "Xã Điềm He", "xa"), ("dong-giap", "Xã Đồng Giáp", "xa"),
    ("hoa-binh", "Xã Hòa Bình", "xa"), ("huu-le", "Xã Hữu Lễ", "xa"), ("khanh-khe", "Xã Khánh Khê", "xa"),
    ("lien-hoi", "Xã Liên Hội", "xa"), ("luong-nang", "Xã Lương Năng", "xa"), ("tan-doan", "Xã Tân Đoàn", "xa"),
    ("tri-le", "Xã Tri Lễ", "xa"), ("trang-cac", "Xã Tràng Các", "xa"), ("tu-xuyen", "Xã Tú Xuyên", "xa"),
    ("van-an", "Xã Vân An", "xa"), ("viet-yen", "Xã Việt Yên", "xa"), ("yen-phuc", "Xã Yên Phúc", "xa"),
    ("hoang-viet", "Xã Hoàng Việt", "xa"), ("xuan-mai", "Xã Xuân Mai", "xa"), ("chu-tuc", "Xã Chu Túc", "xa"),
]
CATEGORIES = [
    ("tuyen-truyen", "Tuyên truyền"), ("kinh-nghiem", "Kinh nghiệm địa phương"),
    ("ke-hoach", "Kế hoạch, báo cáo"), ("van-ban", "Văn bản chỉ đạo"), ("dich-vu-cong", "Dịch vụ công trực tuyến"),
    ("mot-cua", "Bộ phận Một cửa"), ("chi-so", "Chỉ số PAR INDEX, SIPAS"), ("chuyen-doi-so", "Chuyển đổi số"),
]
TAG_WORDS = ["PAR INDEX", "SIPAS", "Một cửa", "Dịch vụ công", "Hộ tịch", "Chuyển đổi số", "Tổ công nghệ số",
             "Kinh nghiệm địa phương", "Đất đai", "Thanh niên", "Phụ nữ", "Nông thôn mới", "Cải cách thể chế",
             "Công vụ", "Tài chính công", "Chữ ký số", "Thanh toán trực tuyến", "Bưu chính công ích",
             "Tiếp công dân", "Phản ánh kiến nghị", "Kiểm soát TTHC", "Đề án 06", "Định danh điện tử", "Khai sinh",
             "Kết hôn", "Chứng thực", "Đào tạo", "Thi đua", "Khen thưởng", "Hội nghị"]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Tư pháp", "Lao động", "Bảo trợ xã hội", "Văn hóa",
          "Giáo dục", "Y tế", "Nông nghiệp", "Kinh doanh", "Tài nguyên", "Thi đua, khen thưởng", "Tôn giáo"]
N_TAGS = 60


def sentences():
    """Sentences from the sample articles and seed documents, markup stripped, de-duplicated, in file order."""
    texts = []
    for base, _, files in sorted(os.walk(os.path.join(REPO, "content", "articles"))):
        for name in sorted(files):
            if name.endswith(".md"):
                text = open(os.path.join(base, name), encoding="utf-8").read()
                texts.append(text.split("---", 2)[-1])
    if os.path.isdir(SEEDS):
        for name in sorted(os.listdir(SEEDS)):
            texts.append(open(os.path.join(SEEDS, name), encoding="utf-8", errors="ignore").read())
    seen, out = set(), []
    for text in texts:
        for line in text.splitlines():
            line = re.sub(r"[*_`\\#>|\[\]]", "", line).strip(" -\t")
            for s in re.split(r"(?<=[.;:!?])\s+", line):
                s = s.strip()
                if 40 <= len(s) <= 320 and s not in seen and not s.startswith(("http", "Số:", "```")):
                    seen.add(s)
                    out.append(s)
    if len(out) < 50:
        sys.exit("bench_gen: too few sentences found in content/articles and the seeds")
    return out


def yq(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Article:
    pass


def make_articles(n, rng, pool):
    tags = [TAG_WORDS[i] if i < len(TAG_WORDS) else f"{TAG_WORDS[i % len(TAG_WORDS)]} {2015 + i // len(TAG_WORDS)}"
            for i in range(N_TAGS)]
    start = datetime.date(2015, 1, 1)
    span = (datetime.date(2025, 12, 31) - start).days
    articles = []
    for i in range(n):
        a = Article()
        a.index = i
        a.date = start + datetime.timedelta(days=rng.randrange(span))
        words = rng.choice(pool).rstrip(".;:!?").split()
        a.title = " ".join(words[:rng.randint(8, 14)]) + f" ({i + 1})"
        a.slug = f"bai-{i + 1:06d}"
        a.units = sorted(rng.sample([u[0] for u in UNITS], rng.choice([0, 1, 1, 1, 2, 2, 3])))
        a.category = rng.choice(CATEGORIES)[0]
        a.tags = sorted(set(rng.choice(tags) for _ in range(rng.randint(1, 4))))
        a.summary = rng.choice(pool) if rng.random() < 0.6 else None
        a.author = rng.choice(["Trung tâm Văn hóa, Thể thao và Truyền thông", "Phòng Nội vụ", "Văn phòng HĐND và UBND",
                               None])
        a.body = make_body(rng, pool, i)
        articles.append(a)
    return articles


def make_body(rng, pool, i):
    parts = []
    for p in range(rng.randint(3, 9)):
        if p > 0 and rng.random() < 0.25:
            parts.append("## " + " ".join(rng.choice(pool).split()[:rng.randint(4, 9)]).rstrip(".,;:"))
        if rng.random() < 0.15:
            parts.append("\n".join(f"- {rng.choice(pool)}" for _ in range(rng.randint(2, 5))))
        else:
            parts.append(" ".join(rng.choice(pool) for _ in range(rng.randint(2, 6))))
    if rng.random() < 0.12:
        rows = ["Đơn vị,Hồ sơ tiếp nhận,Đúng hạn,Tỷ lệ"]
        for u in rng.sample(UNITS, rng.randint(3, 8)):
            total = rng.randint(50, 900)
            ok = rng.randint(total * 8 // 10, total)
            rows.append(f"{u[1]},{total},{ok},{ok * 100 // total}%")
        parts.append("```csv\n" + "\n".join(rows) + "\n```")
    return "\n\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_loa_site(root, articles, rng, pool):
    c = os.path.join(root, "content")
    cats = "\n".join(f"  {slug}: {yq(name)}" for slug, name in CATEGORIES)
    write(os.path.join(c, "site.yaml"), f"""title: "Cổng thông tin cải cách hành chính huyện Văn Quan"
base_url: "https://cchc.vanquan.langson.gov.vn/"
theme: default
jurisdiction:
  name: "Ủy ban nhân dân huyện Văn Quan"
  level: district
  parent: "Tỉnh Lạng Sơn"
responsible:
  name: "Hoàng Văn Tuấn"
  title: "Trưởng phòng Nội vụ huyện Văn Quan"
  phone: "0205 3 830 126"
  email: "phongnoivu.vq@langson.gov.vn"
  address: "Khu Đức Tâm 1, thị trấn Văn Quan, huyện Văn Quan, tỉnh Lạng Sơn"
social:
  facebook: "https://facebook.com/cchc.vanquan.langson"
per_page: 20
categories:
{cats}
""")
    units = ["units:"] + [f"  - id: {uid}\n    name: {yq(name)}\n    kind: {kind}" for uid, name, kind in UNITS]
    write(os.path.join(c, "units.yaml"), "\n".join(units) + "\n")
    for a in articles:
        lines = ["---", f"title: {yq(a.title)}", f"date: {a.date.isoformat()}", f"slug: {a.slug}"]
        if a.summary:
            lines.append(f"summary: {yq(a.summary)}")
        if a.units:
            lines.append("units: [ " + ", ".join(a.units) + " ]")
        lines.append(f"category: {a.category}")
        lines.append("tags: [ " + ", ".join(yq(t) for t in a.tags) + " ]")
        if a.author:
            lines.append(f"author: {yq(a.author)}")
        lines.append("---")
        write(os.path.join(c, "articles", str(a.date.year), a.slug + ".md"), "\n".join(lines) + "\n" + a.body)
    shutil.copytree(os.path.join(REPO, "content", "pages"), os.path.join(c, "pages"))
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(root, "themes"))
    write_procedures(c, rng, pool)
    write_hotlines(c, rng)
    write_rankings(c, rng)


def write_procedures(c, rng, pool, count=2000):
    header = ("Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Thời hạn giải quyết,\"Phí, lệ phí\","
              "Mức độ DVC,Căn cứ pháp lý,Quyết định công bố,Trạng thái,Đơn vị,Liên kết")
    levels = {"xa": [], "huyen": []}
    for i in range(count):
        level = "xã" if i % 2 == 0 else "huyện"
        code = f"{1 + i % 2}.{i + 1:06d}"
        name = "Thủ tục " + " ".join(rng.choice(pool).split()[:rng.randint(5, 10)]).rstrip(".,;:").lower()
        units = ";".join(rng.sample([u[0] for u in UNITS], 2)) if level == "xã" and rng.random() < 0.2 else ""
        row = [code, name, rng.choice(FIELDS), level, "UBND xã, thị trấn" if level == "xã" else "UBND huyện Văn Quan",
               f"{rng.randint(1, 20):02d} ngày làm việc", rng.choice(["Không", "Miễn lệ phí", "50.000 đồng"]),
               rng.choice(["toàn trình", "một phần", ""]), "Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP",
               f"{rng.randint(100, 3000)}/QĐ-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2024",
               "đã bãi bỏ" if rng.random() < 0.05 else "còn hiệu lực", units,
               f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"]
        levels["xa" if level == "xã" else "huyen"].append(row)
    for key, rows in levels.items():
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        write(os.path.join(c, "procedures", f"cap-{key}.csv"), header + "\n" + out.getvalue())


def write_hotlines(c, rng):
    out = ["hotlines:"]
    for uid, name, _ in [(None, "UBND huyện Văn Quan – Bộ phận Một cửa", None)] + UNITS:
        agency = name if uid is None else "UBND " + name[0].lower() + name[1:]
        out.append(("  - unit: " + uid + "\n    agency: " if uid else "  - agency: ") + yq(agency))
        out.append(f"    purpose: \"Tiếp nhận phản ánh, kiến nghị về thủ tục hành chính\"")
        out.append(f"    phone: \"0205 3 8{rng.randint(10, 99)} {rng.randint(100, 999)}\"")
        out.append(f"    verified: 2025-1{rng.randint(0, 2)}-1{rng.randint(0, 9)}")
    write(os.path.join(c, "hotlines.yaml"), "\n".join(out) + "\n")


def write_rankings(c, rng):
    for rid, name in [("par-index", "Chỉ số cải cách hành chính cấp xã (PAR INDEX)"),
                      ("sipas", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)")]:
        out = [f"id: {rid}", f"name: {yq(name)}", "scale: percent", "higher_is_better: true",
               "scope: \"các xã, thị trấn\"", "results:"]
        for year in range(2020, 2025):
            out.append(f"  {year}:")
            scores = sorted(((round(rng.uniform(70, 98), 2), u[0]) for u in UNITS), reverse=True)
            for rank, (score, uid) in enumerate(scores, 1):
                out.append(f"    - {{ unit: {uid}, score: {score:.2f}, rank: {rank}, of: {len(UNITS)} }}")
        write(os.path.join(c, "rankings", f"{rid}.yaml"), "\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-hugo", action="store_true", help="write only the Loa site (scripts/bench-incremental)")
    args = parser.parse_args()
    pool = sentences()
    rng = random.Random(args.seed)
    articles = make_articles(args.articles, rng, pool)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    write_loa_site(os.path.join(args.out, "loa"), articles, rng, pool)
    if not args.no_hugo:
        write_hugo_site(os.path.join(args.out, "hugo"), articles, UNITS, CATEGORIES, write, yq)
    print(f"bench_gen: {args.articles} articles, {len(pool)} source sentences -> {args.out}")


if __name__ == "__main__":
    main()
