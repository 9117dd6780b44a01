import AlchemySchema
import Foundation

/// The model registry on disk: `models:` entries of alchemy.yaml, each a file or a
/// folder of `*.yaml` files, read in a stable order and loaded into one Schema.
public enum ModelFiles {
    public static func load(_ entries: [String], relativeTo root: String) throws -> Schema {
        var files: [(path: String, contents: String)] = []
        for entry in entries {
            let path = entry.hasPrefix("/") || root == "." ? entry : root + "/" + entry
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw LocatedError(file: path, message: "the models entry does not exist; fix `models:` in alchemy.yaml")
            }
            let paths = isFolder.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { path + "/" + $0 }
                : [path]
            for file in paths {
                do {
                    files.append((file, try String(contentsOfFile: file, encoding: .utf8)))
                } catch {
                    throw LocatedError(file: file, message: "cannot read the model file: \(error.localizedDescription)")
                }
            }
        }
        return try ModelLoader().load(files)
    }
}
