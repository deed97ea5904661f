import time
from io import BytesIO
from typing import Any
import pytest
from docx import Document
from nqtrack.reports.render_docx import TemplateProblem, render_docx
from nqtrack.reports.builtin_template import BUILTIN_TEMPLATE
from tests.reports.conftest import RealReport
pytestmark = pytest.mark.django_db

def _docx(*ps: str) -> bytes:
    d = Document()
    for p in ps: d.add_paragraph(p)
    o = BytesIO(); d.save(o); return o.getvalue()

CASES = [
 "{{ 'A'*20000000 }}",
 "{% for i in range(3000) %}{% for j in range(3000) %}x{% endfor %}{% endfor %}",
 "{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}",
 "{{ range(200000)|length }}",
 "{% for i in range(1000) %}{{ 'x' * 30000 }}{% endfor %}",
 "{% set s %}{% for i in range(1000) %}{{ 'x'*30000 }}{% endfor %}{% endset %}",
 "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
 "{{ '%099999999d' % 1 }}", "{{ '{:>99999999}'.format('a') }}", "{{ 'a'|center(99999999) }}",
 "{{ ('a'*1000)|replace('a', 'b'*10000) }}", "{{ 10**10**10 }}", "{{ lipsum(100000) }}", "{{ [1]*10**9 }}",
 "{{ report.targets.append(1) }}", "{{ 1/0 }}", "{{ 'a' + 1 }}", "{% for t in report.targets %}", "{{ report.nguoi_ky }}",
 "{{ report.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}", "{% foo %}", "{{ report.subject }", "{{ x y }}",
 "{{ report.targets[999] }}", "{% for t in report.targets %}{{ t.nope }}{% endfor %}", "{{ 1|vn(100000000) }}",
 "{{ ('a'*100000).replace('a', 'b'*100) }}", "{{ ('x'*100000)|indent(100) }}", "{{ (1).to_bytes(10**9, 'big') }}",
 "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
]

@pytest.mark.parametrize("text", CASES)
def test_case(real_report: RealReport, text: str) -> None:
    t = time.monotonic()
    try:
        render_docx(real_report.content, template=_docx(text), strict=True)
        out = "OK"
    except TemplateProblem as e:
        out = str(e)
    print(f"\n@@ {text!r} -> {out} [{time.monotonic()-t:.2f}s]")

def test_builtin(real_report: RealReport) -> None:
    from nqtrack.reports import render_docx as rd
    import nqtrack.reports.template_sandbox as ts
    envs = []
    orig = rd._environment
    def spy(*, strict): e = orig(strict=strict); envs.append(e); return e
    rd._environment = spy
    t = time.monotonic()
    render_docx(real_report.content)
    print(f"\n@@ builtin {time.monotonic()-t:.2f}s produced={envs[0].output_chars} iterations={envs[0].iterations}")
    rd._environment = orig
