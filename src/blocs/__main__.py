from blocs.cli import main

main()
