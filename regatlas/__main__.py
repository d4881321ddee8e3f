from regatlas.interfaces.cli.entry import main

main()
