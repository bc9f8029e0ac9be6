"""The `rightsgraph` program leaves without tearing the interpreter down (cli.run), but runs what leaving runs: it
waits for the threads, runs the atexit handlers, flushes its output and exits with main's code."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from rightsgraph import __version__

from .conftest import ROOT


def program(code: str) -> subprocess.CompletedProcess[str]:
    """`code`, then cli.run() as the console script calls it, in a process of its own."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_atexit_handlers_run_and_the_output_is_flushed() -> None:
    done = program(
        "import atexit, sys\n"
        "from rightsgraph.cli import run\n"
        "atexit.register(lambda: print('the handler ran'))\n"
        "sys.argv = ['rightsgraph', '--version']\n"
        "run()\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"rightsgraph {__version__}\nthe handler ran\n"


def test_a_thread_still_running_is_waited_for() -> None:
    done = program(
        "import sys, threading, time\n"
        "from rightsgraph.cli import run\n"
        "threading.Thread(target=lambda: (time.sleep(0.5), print('the thread ended'))).start()\n"
        "sys.argv = ['rightsgraph', '--version']\n"
        "run()\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("the thread ended\n")


def command(*args: str) -> subprocess.CompletedProcess[str]:
    return program(f"import sys\nfrom rightsgraph.cli import run\nsys.argv = {['rightsgraph', *args]!r}\nrun()\n")


def test_the_exit_code_is_mains_usage_and_bad_input_included() -> None:
    usage = command("query", "--bogus")
    assert usage.returncode == 2 and "--bogus" in usage.stderr
    bad = command("query", "a/b/none.rq")
    assert bad.returncode == 1 and bad.stderr.startswith("error:"), bad.stderr


def test_an_exit_with_a_message_is_pythons_own() -> None:
    done = program(
        "import rightsgraph.cli as cli\ndef main():\n    raise SystemExit('a message')\ncli.main = main\ncli.run()\n"
    )
    assert done.returncode == 1 and done.stderr == "a message\n"


def test_the_console_script_leaves_through_run() -> None:
    """pyproject's `rightsgraph` script, which CI installs, calls cli.run (main alone would tear the interpreter
    down); so does `python -m rightsgraph`."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["rightsgraph"] == "rightsgraph.cli:run"
    assert (ROOT / "src" / "rightsgraph" / "__main__.py").read_text(encoding="utf-8").split() == [
        "from",
        "rightsgraph.cli",
        "import",
        "run",
        "run()",
    ]


def test_a_process_started_with_stdout_closed_leaves_with_mains_code() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rightsgraph", "query", "a/b/none.rq"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        close_fds=True,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
