"""The JavaScript and TypeScript frontend: tree-sitter parses, ``JavaScriptModel`` answers."""
