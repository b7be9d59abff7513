from watchfloor.cli import main

main()
