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
            DowngradeCommand.self,
            RevisionCommand.self,
            MakeMigrationsCommand.self,
            MergeCommand.self,
            StampCommand.self,
            HistoryCommand.self,
            HeadsCommand.self,
            BranchesCommand.self,
            ShowCommand.self,
            EditCommand.self,
            CheckCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}

