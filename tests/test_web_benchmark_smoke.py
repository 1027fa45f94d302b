"""benchmarks/web.py with tiny numbers, on both backends, so that the script keeps
working: three reporters of four requests each (open the link, read, add or not,
answer) against a real `vanort serve`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pg_server

ROOT = Path(__file__).resolve().parents[1]


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_benchmark", ROOT / "benchmarks" / "web.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["web_benchmark"] = module
    spec.loader.exec_module(module)
    return module


def test_the_web_benchmark_measures_both_backends(
    postgres_server: pg_server.PostgresServer,
) -> None:
    benchmark = _benchmark()
    figures = benchmark.run(3, 4, 30, postgres_server.superuser_url)
    assert set(figures) == {"sqlite", "postgresql"}
    for backend, figure in figures.items():
        assert figure["requests"] == 12, (backend, figure)
        assert figure["answers_stored"] == 3, (backend, figure)
        assert figure["errors"] == 0, (backend, figure)
        assert figure["store_check"] == "ok", (backend, figure)
        assert 0 < figure["p50_ms"] <= figure["p95_ms"], (backend, figure)
    assert not benchmark.failed(figures)
