from regatlas.interfaces.cli.app import main

main()
