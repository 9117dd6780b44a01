import AlchemyCLI
AlchemyCommand.main()
