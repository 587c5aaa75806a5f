// The extension is MIT like the project: put the project's LICENSE into the package.
const fs = require("fs");
const path = require("path");

fs.copyFileSync(path.join(__dirname, "..", "..", "..", "LICENSE"), path.join(__dirname, "..", "LICENSE"));
