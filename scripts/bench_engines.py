"""Benchmark candidate RDF stores / SPARQL engines for rightsgraph.

Run (from the repository root, no network needed):

    python scripts/bench_engines.py --triples 100000 --runs 5 --out bench.md
    python scripts/bench_engines.py --triples 100000 300000 --out bench.md

What it measures, per engine and per graph size, each engine in its own
subprocess (so peak RSS is per engine):

* load of a Turtle file (into a graph) and of an N-Quads file (into a dataset),
* p50 over --runs of the four SPARQL queries in scripts/bench_queries/*.rq
  (results are fully materialised; row counts are cross-checked),
* a full Turtle serialisation of the Turtle-loaded graph to a file,
* peak RSS (ru_maxrss of the worker process) and the RSS after imports.

Engines: ``rdflib`` (in-memory Graph/Dataset + rdflib SPARQL), ``pyoxigraph``
(in-memory pyoxigraph.Store, bulk_load / query / dump) and ``oxrdflib``
(rdflib API over the Oxigraph store, ox-* parser/serialiser plugins; parse
uses the plugin's default transactional Store.load, pyoxigraph uses bulk_load).
The synthetic data is generated deterministically from --seed; all instance
IRIs live under https://w3id.org/rightsgraph/synthetic/id/ .
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent / "bench_queries"
ENGINES = ("rdflib", "pyoxigraph", "oxrdflib")
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "rg": "https://w3id.org/rightsgraph/ontology#",
    "syn": "https://w3id.org/rightsgraph/synthetic/id/",
}
STANCES = ("support", "oppose", "deny", "neutral", "report")
WORDS = [
    "government",
    "forces",
    "security",
    "prisoners",
    "detained",
    "executed",
    "report",
    "denied",
    "allegations",
    "torture",
    "court",
    "ministry",
    "officials",
    "witnesses",
    "families",
    "released",
    "protest",
    "journalists",
    "camp",
    "village",
    "army",
]


# ---------------------------------------------------------------- data ----
def iri(name: str) -> tuple[str, str]:
    """A term as (Turtle text, N-Triples text) from a prefixed name."""
    prefix, local = name.split(":", 1)
    return name, f"<{PREFIXES[prefix]}{local}>"


def lit(lex: str, dtype: str | None = None, lang: str | None = None) -> tuple[str, str]:
    if lang:
        text = f'"{lex}"@{lang}'
        return text, text
    if dtype == "xsd:integer":
        return lex, f'"{lex}"^^<{PREFIXES["xsd"]}integer>'
    return f'"{lex}"^^{dtype}', f'"{lex}"^^{iri(dtype)[1]}'


def generate(target: int, seed: int):
    """Yield (graph, subject, [(predicate, object), ...]) until >= target triples."""
    rng = random.Random(seed)
    a = iri("rdf:type")
    label, pref = iri("rdfs:label"), iri("skos:prefLabel")
    n_actors, n_places = max(50, target // 200), max(20, target // 2000)
    ref = iri("syn:graph-reference")
    count = 0
    for s in STANCES:
        po = [(a, iri("skos:Concept")), (pref, lit(s, lang="en"))]
        count += len(po)
        yield ref, iri(f"syn:stance-{s}"), po
    for i in range(n_actors):
        po = [(a, iri("rg:Actor")), (label, lit(f"Actor {i}", lang="en"))]
        count += len(po)
        yield ref, iri(f"syn:actor-{i}"), po
    for i in range(n_places):
        po = [(a, iri("sem:Place")), (label, lit(f"Place {i}", lang="en"))]
        count += len(po)
        yield ref, iri(f"syn:place-{i}"), po
    ev, st = 0, 0
    while count < target:
        doc = iri(f"syn:doc-{ev // 10}")
        event = iri(f"syn:event-{ev}")
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        po = [
            (a, iri("sem:Event")),
            (label, lit(f"Event {ev}", lang="en")),
            (iri("sem:hasPlace"), iri(f"syn:place-{rng.randrange(n_places)}")),
            (iri("sem:hasTimeStamp"), lit(day.isoformat(), "xsd:date")),
        ]
        po += [(iri("sem:hasActor"), iri(f"syn:actor-{i}")) for i in rng.sample(range(n_actors), rng.randint(1, 2))]
        yield doc, event, po
        count += len(po)
        for _ in range(rng.randint(2, 3)):
            stmt, claim, span = (iri(f"syn:{k}-{st}") for k in ("statement", "claim", "span"))
            po = [
                (a, iri("rg:Statement")),
                (iri("rg:speaker"), iri(f"syn:actor-{rng.randrange(n_actors)}")),
                (iri("rg:stance"), iri(f"syn:stance-{rng.choice(STANCES)}")),
                (iri("rg:makesClaim"), claim),
            ]
            has_span = rng.random() < 0.8
            if has_span:
                po.append((iri("rg:hasSpan"), span))
            yield doc, stmt, po
            claim_po = [
                (a, iri("rg:Claim")),
                (iri("rg:about"), event),
                (iri("rg:certainty"), lit(f"{rng.random():.2f}", "xsd:decimal")),
            ]
            yield doc, claim, claim_po
            count += len(po) + len(claim_po)
            if has_span:
                begin = rng.randrange(20000)
                anchor = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
                po = [
                    (a, iri("nif:String")),
                    (iri("nif:referenceContext"), doc),
                    (iri("nif:beginIndex"), lit(str(begin), "xsd:integer")),
                    (iri("nif:endIndex"), lit(str(begin + len(anchor)), "xsd:integer")),
                    (iri("nif:anchorOf"), lit(anchor, "xsd:string")),
                ]
                yield doc, span, po
                count += len(po)
            st += 1
        ev += 1


def write_data(target: int, seed: int, outdir: Path) -> tuple[Path, Path, int]:
    ttl, nq = outdir / f"synthetic-{target}.ttl", outdir / f"synthetic-{target}.nq"
    n = 0
    with ttl.open("w", encoding="utf-8") as ft, nq.open("w", encoding="utf-8") as fq:
        ft.writelines(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
        for graph, subj, po in generate(target, seed):
            body = " ;\n    ".join(f"{p[0]} {o[0]}" for p, o in po)
            ft.write(f"\n{subj[0]} {body} .\n")
            fq.writelines(f"{subj[1]} {p[1]} {o[1]} {graph[1]} .\n" for p, o in po)
            n += len(po)
    return ttl, nq, n


# ------------------------------------------------------------- engines ----
def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def digest(rows) -> str:
    """Order-insensitive fingerprint of a result, comparable across engines."""
    xsd_string = f"^^<{PREFIXES['xsd']}string>"
    norm = lambda t: "" if t is None else (t.n3() if hasattr(t, "n3") else str(t))
    keys = sorted("|".join(norm(t).replace(xsd_string, "") for t in row) for row in rows)
    return hashlib.sha1("\n".join(keys).encode()).hexdigest()[:10]


def run_engine(engine: str, ttl: Path, nq: Path, runs: int, outdir: Path) -> dict:
    """Runs inside the worker subprocess; returns timings, row counts and RSS."""
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        def load(path, fmt):
            store = ox.Store()
            store.bulk_load(path=str(path), format=fmt)
            return store

        load_ttl = lambda: load(ttl, ox.RdfFormat.TURTLE)
        load_nq = lambda: load(nq, ox.RdfFormat.N_QUADS)
        size = len
        query = lambda g, q: list(g.query(q))
        dump = lambda g, p: g.dump(str(p), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    else:
        import rdflib

        if engine == "oxrdflib":
            import oxrdflib  # noqa: F401  (registers the "Oxigraph" store + ox-* plugins)
        store, pre = ("Oxigraph", "ox-") if engine == "oxrdflib" else ("default", "")

        def load(cls, path, fmt):
            g = cls(store=store)
            g.parse(str(path), format=pre + fmt)
            return g

        load_ttl = lambda: load(rdflib.Graph, ttl, "turtle")
        load_nq = lambda: load(rdflib.Dataset, nq, "nquads")
        size = lambda g: sum(1 for _ in g.quads()) if isinstance(g, rdflib.Dataset) else len(g)
        query = lambda g, q: list(g.query(q))

        def dump(g, p):
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns)
            g.serialize(destination=str(p), format=pre + "turtle")

    res = {"rss_import_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    res["load_nq"], ds = timed(load_nq)
    res["n_nq"] = size(ds)
    del ds
    res["load_ttl"], g = timed(load_ttl)
    res["n_ttl"] = size(g)
    for qfile in sorted(QUERY_DIR.glob("*.rq")):
        text = qfile.read_text(encoding="utf-8")
        times, rows = [], None
        for _ in range(runs):
            t, rows = timed(lambda text=text: query(g, text))
            times.append(t)
        res[qfile.stem] = statistics.median(times)
        res[qfile.stem + ":rows"] = len(rows)
        res[qfile.stem + ":digest"] = digest(rows)
    out = outdir / f"out-{engine}.ttl"
    res["serialize_ttl"], _ = timed(lambda: dump(g, out))
    res["ttl_out_bytes"] = out.stat().st_size
    res["rss_peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return res


def spawn_worker(engine: str, ttl: Path, nq: Path, runs: int, outdir: Path) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--ttl",
        str(ttl),
        "--nq",
        str(nq),
        "--runs",
        str(runs),
        "--workdir",
        str(outdir),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines() or ["no output"]
        return {"error": lines[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------- report ----
def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def fmt_ratio(value, base) -> str:
    if not isinstance(value, (int, float)) or not base:
        return "n/a"
    return f"{value / base:.3f}"


def report(target: int, n: int, ttl: Path, nq: Path, results: dict, args) -> str:
    ops = [("load Turtle (s)", "load_ttl"), ("load N-Quads (s)", "load_nq")]
    ops += [(f"{q.stem} p50 (s)", q.stem) for q in sorted(QUERY_DIR.glob("*.rq"))]
    ops += [
        ("serialise Turtle (s)", "serialize_ttl"),
        ("peak RSS (MB)", "rss_peak_kb"),
        ("RSS after imports (MB)", "rss_import_kb"),
    ]
    base = results["rdflib"]
    lines = [
        f"### {n:,} triples (target {target:,}), seed {args.seed}, runs {args.runs}",
        "",
        f"Input: Turtle {ttl.stat().st_size / 1e6:.1f} MB, N-Quads {nq.stat().st_size / 1e6:.1f} MB. "
        f"Python {platform.python_version()}, {platform.machine()}; "
        + ", ".join(f"{d} {version(d)}" for d in ("rdflib", "pyoxigraph", "oxrdflib"))
        + ".",
        "",
        "| operation | rdflib | pyoxigraph | pyoxigraph/rdflib | oxrdflib | oxrdflib/rdflib |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, key in ops:
        cells = []
        for eng in ENGINES:
            v = results[eng].get(key)
            if key.startswith("rss") and v is not None:
                v = v / 1024  # ru_maxrss is in KiB on Linux
            cells.append("error" if v is None else f"{v:.4f}" if v < 1 else f"{v:.2f}")
            if eng != "rdflib":
                cells.append(fmt_ratio(results[eng].get(key), base.get(key)))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Cross-check (should agree across engines):",
        "",
        "| check | " + " | ".join(ENGINES) + " |",
        "|---|" + "---:|" * len(ENGINES),
    ]
    checks = ["n_ttl", "n_nq"] + [q.stem + s for q in sorted(QUERY_DIR.glob("*.rq")) for s in (":rows", ":digest")]
    for key in [*checks, "ttl_out_bytes"]:
        lines.append(f"| {key} | " + " | ".join(str(results[e].get(key, "-")) for e in ENGINES) + " |")
    for eng in ENGINES:
        if "error" in results[eng]:
            lines.append(f"\n**{eng} failed:** `{results[eng]['error']}`")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, nargs="+", default=[100000], help="target graph size(s); one table per size")
    ap.add_argument("--runs", type=int, default=5, help="query repetitions (p50 reported)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, help="write the Markdown report here")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    ap.add_argument("--ttl", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--nq", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(run_engine(args.worker, args.ttl, args.nq, args.runs, args.workdir)))
        return 0
    sections = [
        "# rightsgraph engine benchmark",
        "",
        "Times in seconds (lower is better); ratio < 1 means faster than rdflib.",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="rg-bench-") as tmp:
        for target in args.triples:
            ttl, nq, n = write_data(target, args.seed, Path(tmp))
            results = {e: {"error": "skipped"} for e in ENGINES}
            for eng in args.engines:
                print(f"[{target}] running {eng} ...", file=sys.stderr, flush=True)
                results[eng] = spawn_worker(eng, ttl, nq, args.runs, Path(tmp))
            sections.append(report(target, n, ttl, nq, results, args))
    text = "\n".join(sections)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
