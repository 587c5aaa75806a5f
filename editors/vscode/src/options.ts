// What the extension tells the server, built from the user's settings. No `vscode` import
// here, so the same code can be exercised against a real server outside VS Code.

import * as os from "os";
import * as path from "path";

/** The server's options, as `initializationOptions` and under settings["cio-lint"]. */
export interface ServerOptions {
  select?: string[];
  extendSelect?: string[];
  ignore?: string[];
  configuration?: string;
}

/** How to start the server: a program and its arguments. */
export interface ServerCommand {
  command: string;
  args: string[];
}

/** Reads one `cio-lint.*` setting; `vscode.WorkspaceConfiguration.get` fits. */
export type SettingReader = (name: string) => unknown;

function codes(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return value.filter((item): item is string => typeof item === "string" && item.trim() !== "")
    .map((item) => item.trim());
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * The options the contract names, leaving out what is unset so the project's own
 * configuration decides: `select` only when it is a list, `configuration` only when given.
 */
export function serverOptions(read: SettingReader): ServerOptions {
  const options: ServerOptions = {};
  const select = codes(read("select"));
  if (select !== undefined) {
    options.select = select;
  }
  const extendSelect = codes(read("extendSelect"));
  if (extendSelect !== undefined && extendSelect.length > 0) {
    options.extendSelect = extendSelect;
  }
  const ignore = codes(read("ignore"));
  if (ignore !== undefined && ignore.length > 0) {
    options.ignore = ignore;
  }
  const configuration = text(read("configuration"));
  if (configuration !== undefined) {
    options.configuration = configuration;
  }
  return options;
}

/**
 * A path setting as VS Code users write them: `~`, `${userHome}` and `${workspaceFolder}`
 * expanded, and a relative path (`.venv/bin/cio-lint`) taken from the workspace folder. A bare
 * name (`cio-lint`) stays as it is, to be found on PATH.
 */
export function expandPath(value: string, workspaceFolder: string | undefined): string {
  let expanded = value.replace(/\$\{userHome\}/g, os.homedir());
  if (workspaceFolder !== undefined) {
    expanded = expanded.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (expanded === "~" || expanded.startsWith("~/") || expanded.startsWith("~\\")) {
    expanded = path.join(os.homedir(), expanded.slice(1));
  }
  const bareName = !expanded.includes("/") && !expanded.includes("\\");
  if (!bareName && !path.isAbsolute(expanded) && workspaceFolder !== undefined) {
    expanded = path.resolve(workspaceFolder, expanded);
  }
  return expanded;
}

/** `<python> -m cio_lint server` when an interpreter is set, else `<cio-lint.path> server`. */
export function serverCommand(read: SettingReader, workspaceFolder: string | undefined): ServerCommand {
  const interpreter = text(read("interpreter"));
  if (interpreter !== undefined) {
    return { command: expandPath(interpreter, workspaceFolder), args: ["-m", "cio_lint", "server"] };
  }
  const executable = text(read("path")) ?? "cio-lint";
  return { command: expandPath(executable, workspaceFolder), args: ["server"] };
}

/** The settings that change how the server is started: a change needs a restart. */
export const STARTUP_SETTINGS = ["cio-lint.path", "cio-lint.interpreter"];
