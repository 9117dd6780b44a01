import ArgumentParser

/// `alchemy database ...`: Advanced Alchemy's command group.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "database",
        abstract: "Create, inspect and migrate the database.",
        subcommands: [
            InitCommand.self,
            ListTemplatesCommand.self,
            EnsureVersionCommand.self,
            CurrentCommand.self,
            ShowCurrentRevisionCommand.self,
            UpgradeCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

