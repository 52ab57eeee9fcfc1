"""The Hugo side of the benchmark portal: the same articles with front matter, taxonomies for units
(don-vi), categories (chuyen-muc) and tags (the), paginated lists (20 per page; links to the first, the
last and two pages on each side of the current one, as Loa does), RSS per section and term, a sitemap,
and a theme rendering the same page types as Loa's default theme (layout, home, article, list, unit, terms, csv blocks as tables)."""
import os
import shutil

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFIG = """baseURL = "https://cchc.vanquan.langson.gov.vn/"
languageCode = "vi"
title = "Cổng thông tin cải cách hành chính huyện Văn Quan"
paginate = 20
disableKinds = []
enableRobotsTXT = false
removePathAccents = true
[taxonomies]
  unit = "don-vi"
  category = "chuyen-muc"
  tag = "the"
[permalinks]
  tin-tuc = "/tin-tuc/:slug/"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
[services.rss]
  limit = 20
[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 2
[params]
  jurisdiction = "Ủy ban nhân dân huyện Văn Quan"
  parent = "Tỉnh Lạng Sơn"
  responsibleName = "Hoàng Văn Tuấn"
  responsibleTitle = "Trưởng phòng Nội vụ huyện Văn Quan"
  phone = "0205 3 830 126"
  email = "phongnoivu.vq@langson.gov.vn"
  address = "Khu Đức Tâm 1, thị trấn Văn Quan, huyện Văn Quan, tỉnh Lạng Sơn"
  facebook = "https://facebook.com/cchc.vanquan.langson"
"""

BASEOF = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-header">
  <div class="wrap header-inner">
    <div class="header-text">
      <p class="parent">{{ site.Params.parent }}</p>
      <p class="jurisdiction">{{ site.Params.jurisdiction }}</p>
      <p class="site-title"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
    </div>
  </div>
  <nav class="site-nav" aria-label="Điều hướng chính">
    <ul class="wrap">
      {{ $cur := .RelPermalink }}
      <li><a href="{{ "/" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>Trang chủ</a></li>
      <li><a href="{{ "/tin-tuc/" | relURL }}"{{ if hasPrefix $cur "/tin-tuc/" }} aria-current="page"{{ end }}>Tin tức</a></li>
      <li><a href="{{ "/don-vi/" | relURL }}"{{ if hasPrefix $cur "/don-vi/" }} aria-current="page"{{ end }}>Đơn vị</a></li>
      {{ range partialCached "standing.html" . }}<li><a href="{{ .RelPermalink }}"{{ if eq $cur .RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}
    </ul>
  </nav>
</header>
<main id="noi-dung" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p class="footer-title">{{ site.Title }}</p>
    <p>Cơ quan chủ quản: {{ site.Params.jurisdiction }}, {{ site.Params.parent }}</p>
    <p>Chịu trách nhiệm nội dung: {{ site.Params.responsibleName }}, {{ site.Params.responsibleTitle }}</p>
    <p>Địa chỉ: {{ site.Params.address }}</p>
    <p>Điện thoại: <a href="tel:{{ site.Params.phone }}">{{ site.Params.phone }}</a> · Thư điện tử: <a href="mailto:{{ site.Params.email }}">{{ site.Params.email }}</a></p>
    <p>Theo dõi: <a href="{{ site.Params.facebook }}">Facebook</a></p>
  </div>
</footer>
<script src="{{ "assets/site.js" | relURL }}" defer></script>
</body>
</html>
"""

ITEM = """<li class="item">
  <h3 class="item-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ range .GetTerms "chuyen-muc" }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
  <p class="summary">{{ with .Params.summary }}{{ . }}{{ else }}{{ .Summary | plainify }}{{ end }}</p>
  {{ with .GetTerms "don-vi" }}<p class="meta units">Đơn vị: {{ range $i, $u := . }}{{ if $i }}, {{ end }}<a href="{{ $u.RelPermalink }}">{{ $u.Title }}</a>{{ end }}</p>{{ end }}
</li>
"""

STANDING = """{{ return where site.RegularPages "Section" "" }}
"""

PAGINATION = """{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}<nav class="pagination" aria-label="Phân trang">
<ul>
{{ if $p.HasPrev }}<li><a href="{{ $p.Prev.URL }}" rel="prev">Trang trước</a></li>{{ end }}
{{ range $p.Pagers }}{{ $n := .PageNumber }}{{ if or (le $p.TotalPages 9) (eq $n 1) (eq $n $p.TotalPages) (and (ge $n (sub $p.PageNumber 2)) (le $n (add $p.PageNumber 2))) }}<li><a href="{{ .URL }}"{{ if eq . $p }} aria-current="page"{{ end }}>{{ $n }}</a></li>
{{ end }}{{ end }}{{ if $p.HasNext }}<li><a href="{{ $p.Next.URL }}" rel="next">Trang sau</a></li>{{ end }}
</ul>
</nav>{{ end }}
"""

HOME = """{{ define "main" }}
<h1 class="visually-hidden">{{ site.Title }}</h1>
<section aria-labelledby="tin-moi">
  <h2 id="tin-moi">Tin mới</h2>
  <ul class="items">
  {{ range first 8 (where site.RegularPages "Section" "tin-tuc") }}{{ partial "item.html" . }}{{ end }}
  </ul>
  <p><a href="{{ "/tin-tuc/" | relURL }}">Xem tất cả tin tức</a></p>
</section>
<section aria-labelledby="don-vi">
  <h2 id="don-vi">Xã, phường, thị trấn</h2>
  <ul class="unit-grid">
  {{ range (site.GetPage "/don-vi").Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  </ul>
</section>
<section aria-labelledby="chuyen-muc">
  <h2 id="chuyen-muc">Chuyên mục</h2>
  <ul class="inline-list">
  {{ range (site.GetPage "/chuyen-muc").Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  <li><a href="{{ "/the/" | relURL }}">Chủ đề</a></li>
  </ul>
</section>
{{ end }}
"""

SINGLE = """{{ define "main" }}
<article class="article">
  <header>
    <h1>{{ .Title }}</h1>
    <p class="meta">Đăng <time datetime="{{ .Date.Format "2006-01-02" }}">ngày {{ .Date.Day }} tháng {{ int .Date.Month }} năm {{ .Date.Year }}</time>{{ range .GetTerms "chuyen-muc" }} · Chuyên mục: <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
    {{ with .GetTerms "don-vi" }}<p class="meta">Đơn vị: {{ range $i, $u := . }}{{ if $i }}, {{ end }}<a href="{{ $u.RelPermalink }}">{{ $u.Title }}</a>{{ end }}</p>{{ end }}
  </header>
  {{ if ge (len (findRE "<h2" .Content)) 3 }}<nav class="toc" aria-label="Mục lục bài viết"><h2>Mục lục</h2>{{ .TableOfContents }}</nav>{{ end }}
  <div class="prose">
{{ .Content }}
  </div>
  <footer class="article-footer">
    {{ with .Params.author }}<p class="author">{{ . }}</p>{{ end }}
    {{ with .GetTerms "the" }}<p class="tags">Chủ đề: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.Title }}</a>{{ end }}</p>{{ end }}
  </footer>
</article>
<nav class="prev-next" aria-label="Bài khác">
  <ul>
  {{ with .NextInSection }}<li>Bài mới hơn: <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  {{ with .PrevInSection }}<li>Bài cũ hơn: <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
  </ul>
</nav>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ if eq .Kind "term" }}{{ if eq .Data.Plural "chuyen-muc" }}Chuyên mục: {{ else if eq .Data.Plural "the" }}Chủ đề: {{ end }}{{ end }}{{ .Title }}{{ if gt .Paginator.PageNumber 1 }} – trang {{ .Paginator.PageNumber }}{{ end }}</h1>
<p class="count">{{ len .Pages }} bài viết</p>
<ul class="items">
{{ range .Paginator.Pages }}{{ partial "item.html" . }}{{ end }}
</ul>
{{ partial "pagination.html" . }}
{{ end }}
"""

TERMS = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">({{ .Count }} bài)</span></li>
{{ end }}</ul>
{{ end }}
"""

CSV_HOOK = """{{ $rows := split (trim .Inner "\\n") "\\n" }}<div class="table-wrap" role="region" tabindex="0"><table>
<thead><tr>{{ range split (index $rows 0) "," }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead>
<tbody>
{{ range after 1 $rows }}<tr>{{ range split . "," }}<td>{{ . }}</td>{{ end }}</tr>
{{ end }}</tbody>
</table></div>
"""


def yaml_list(items, yq):
    return "[ " + ", ".join(yq(i) for i in items) + " ]"


def write_hugo_site(root, articles, units, categories, write, yq):
    write(os.path.join(root, "hugo.toml"), CONFIG)
    layouts = os.path.join(root, "layouts")
    for name, text in [("_default/baseof.html", BASEOF), ("partials/item.html", ITEM), ("partials/standing.html", STANDING),
                       ("partials/pagination.html", PAGINATION), ("index.html", HOME),
                       ("_default/single.html", SINGLE), ("_default/list.html", LIST),
                       ("_default/terms.html", TERMS), ("_default/_markup/render-codeblock-csv.html", CSV_HOOK)]:
        write(os.path.join(layouts, name), text)
    assets = os.path.join(REPO, "themes", "default", "assets")
    shutil.copytree(assets, os.path.join(root, "static", "assets"))
    c = os.path.join(root, "content")
    write(os.path.join(c, "tin-tuc", "_index.md"), "---\ntitle: \"Tin tức\"\n---\n")
    write(os.path.join(c, "don-vi", "_index.md"), "---\ntitle: \"Các đơn vị hành chính\"\n---\n")
    write(os.path.join(c, "chuyen-muc", "_index.md"), "---\ntitle: \"Chuyên mục\"\n---\n")
    write(os.path.join(c, "the", "_index.md"), "---\ntitle: \"Chủ đề\"\n---\n")
    for uid, name, _ in units:
        write(os.path.join(c, "don-vi", uid, "_index.md"), f"---\ntitle: {yq(name)}\n---\n")
    for slug, name in categories:
        write(os.path.join(c, "chuyen-muc", slug, "_index.md"), f"---\ntitle: {yq(name)}\n---\n")
    for a in articles:
        lines = ["---", f"title: {yq(a.title)}", f"date: {a.date.isoformat()}", f"slug: {a.slug}"]
        if a.summary:
            lines.append(f"summary: {yq(a.summary)}")
        if a.units:
            lines.append("don-vi: " + yaml_list(a.units, yq))
        lines.append("chuyen-muc: " + yaml_list([a.category], yq))
        lines.append("the: " + yaml_list(a.tags, yq))
        if a.author:
            lines.append(f"author: {yq(a.author)}")
        lines.append("---")
        write(os.path.join(c, "tin-tuc", str(a.date.year), a.slug + ".md"), "\n".join(lines) + "\n" + a.body)
    pages = os.path.join(REPO, "content", "pages")
    for name in sorted(os.listdir(pages)):
        shutil.copy(os.path.join(pages, name), os.path.join(c, name))
