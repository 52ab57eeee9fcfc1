// Search page: reads the split index Loa builds (tim-kiem/chi-muc/, see Sources/LoaCore/Search/SearchIndex.swift)
// and fetches only meta.json, the shards of the query's words and the document chunks of the shown results.
// Matching folds case, diacritics and đ/Đ exactly like VietnameseText.fold.
(function () {
  "use strict";
  var box = document.getElementById("ket-qua-tim");
  var form = document.querySelector(".search-page-form");
  if (!box || !form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("trang-thai-tim");
  var list = document.getElementById("danh-sach-ket-qua");
  var base = box.getAttribute("data-index");
  var version = box.getAttribute("data-version");
  var PAGE = 10, TITLE = 10;
  var cache = {};

  function get(name) {
    if (!cache[name]) {
      cache[name] = fetch(base + name + "?v=" + version).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[name];
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function words(q) {
    var seen = {}, out = [];
    fold(q).split(/[^a-z0-9]+/).forEach(function (w) {
      if (w.length >= 2 && w.length <= 40 && !seen[w]) { seen[w] = 1; out.push(w); }
    });
    return out.slice(0, 8);
  }

  function shardKey(word, keys) {
    for (var n = word.length; n > 0; n--) {
      if (keys[word.slice(0, n)]) return word.slice(0, n);
    }
    return null;
  }

  // Resolves to {results: [[id, matched, score]...], partial}
  function rank(q, meta) {
    var ws = words(q), keys = {};
    meta.shards.forEach(function (k) { keys[k] = 1; });
    return Promise.all(ws.map(function (w) {
      var key = shardKey(w, keys);
      return key ? get("s-" + key + ".json") : Promise.resolve({});
    })).then(function (shards) {
      var hits = {};
      ws.forEach(function (w, i) {
        var shard = shards[i], entries = shard[w] ? [shard[w]] : [];
        // The last word may be unfinished: when it is not a term, use the terms it begins.
        if (!entries.length && i === ws.length - 1 && !/\s$/.test(q)) {
          Object.keys(shard).sort().forEach(function (t) { if (t.indexOf(w) === 0) entries.push(shard[t]); });
        }
        var best = {};
        entries.forEach(function (lists) {
          lists.forEach(function (l, tier) {
            var id = 0;
            l.forEach(function (d) {
              id += d;
              var weight = tier === 0 ? TITLE : 1;
              if (!best[id] || best[id] < weight) best[id] = weight;
            });
          });
        });
        Object.keys(best).forEach(function (id) {
          var h = hits[id] || (hits[id] = [Number(id), 0, 0]);
          h[1] += 1; h[2] += best[id];
        });
      });
      var all = Object.keys(hits).map(function (id) { return hits[id]; });
      all.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || a[0] - b[0]; });
      var complete = all.filter(function (h) { return h[1] === ws.length; });
      return { results: complete.length || !all.length ? complete : all, partial: !complete.length && all.length > 0, words: ws };
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(answer, meta, from, ol) {
    var page = answer.results.slice(from, from + PAGE);
    var chunks = {};
    page.forEach(function (h) { chunks[Math.floor(h[0] / meta.chunk)] = 1; });
    return Promise.all(Object.keys(chunks).map(function (n) {
      return get("d-" + n + ".json").then(function (rows) { chunks[n] = rows; });
    })).then(function () {
      page.forEach(function (h) {
        var row = chunks[Math.floor(h[0] / meta.chunk)][h[0] % meta.chunk];
        var li = el("li", "result");
        var kind = el("p", "result-kind");
        kind.appendChild(el("span", "badge-kind", row[0]));
        if (row[3]) kind.appendChild(document.createTextNode(" · " + row[3]));
        var h3 = el("h3", "result-title");
        var a = el("a", null, row[1]);
        a.href = meta.root + row[2];
        h3.appendChild(a);
        li.appendChild(kind);
        li.appendChild(h3);
        if (row[4]) li.appendChild(el("p", "summary", row[4]));
        ol.appendChild(li);
      });
      var more = list.querySelector(".more-results");
      if (more) more.parentNode.removeChild(more);
      if (from + PAGE < answer.results.length) {
        var button = el("button", "more-results", "Xem thêm kết quả");
        button.type = "button";
        button.addEventListener("click", function () {
          show(answer, meta, from + PAGE, ol).then(function () {
            var next = ol.children[from + PAGE];
            if (next) next.querySelector("a").focus();
          });
        });
        list.appendChild(button);
      }
    });
  }

  function search(q) {
    list.textContent = "";
    if (!words(q).length) {
      status.textContent = q.trim() ? "Hãy gõ ít nhất một từ có hai chữ cái trở lên." : "";
      return;
    }
    status.textContent = "Đang tìm…";
    get("meta.json").then(function (meta) {
      meta.root = base.replace(/tim-kiem\/chi-muc\/$/, "");
      return rank(q, meta).then(function (answer) {
        var n = answer.results.length;
        if (!n) {
          status.textContent = "Không tìm thấy kết quả nào cho “" + q.trim() + "”. Hãy thử từ khác, ít từ hơn hoặc xem danh sách tin tức.";
          return;
        }
        list.appendChild(el("h2", null, "Kết quả tìm kiếm"));
        var ol = el("ol", "results");
        list.appendChild(ol);
        // The count is announced only once the first results are on the page, so a screen reader
        // (and anyone waiting on the status) never meets a count above an empty list.
        return show(answer, meta, 0, ol).then(function () {
          status.textContent = (answer.partial ? "Không có kết quả chứa đủ mọi từ; " + n + " kết quả gần đúng" : "Tìm thấy " + n + " kết quả") + " cho “" + q.trim() + "”.";
        });
      });
    }).catch(function () {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử lại sau.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    }
    search(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
