from rightsgraph.cli import main

main()
