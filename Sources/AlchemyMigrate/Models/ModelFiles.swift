import AlchemySchema

/// The model registry on disk: `models:` entries of alchemy.yaml, each a file or a
/// folder of `*.yaml` files, read in a stable order and loaded into one Schema.
public enum ModelFiles {
    public static func load(_ entries: [String], relativeTo root: String) throws -> Schema {
        var files: [(path: String, contents: String)] = []
        for entry in entries {
            let path = entry.hasPrefix("/") || root == "." ? entry : root + "/" + entry
            guard LocalFiles.entryExists(path) else {
                throw LocatedError(file: path, message: "the models entry does not exist; fix `models:` in alchemy.yaml")
            }
            let paths = LocalFiles.yamlFiles(in: path)?.map { path + "/" + $0 } ?? [path]
            for file in paths {
                files.append((file, try LocalFiles.yamlSource(of: file, kind: "model file").text))
            }
        }
        return try ModelLoader().load(files)
    }
}
