from rightsgraph.cli import run

run()
