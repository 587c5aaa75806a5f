// The cio-lint extension: starts `cio-lint server` for Python, JavaScript and TypeScript
// documents and keeps it in step with the user's settings.

import * as vscode from "vscode";
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  State,
} from "vscode-languageclient/node";

import { STARTUP_SETTINGS, ServerCommand, serverCommand, serverOptions } from "./options";

const SECTION = "cio-lint";
const LANGUAGES = ["python", "javascript", "javascriptreact", "typescript", "typescriptreact"];
const INSTALL_HINT = "pip install 'cio-lint[lsp]'";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.LanguageStatusItem;
/** Restarts queue behind each other, so two quick setting changes never race. */
let pending: Promise<void> = Promise.resolve();

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === "file")?.uri.fsPath;
}

function describe(command: ServerCommand): string {
  return [command.command, ...command.args].join(" ");
}

function newClient(command: ServerCommand): LanguageClient {
  const folder = workspaceFolder();
  const executable: Executable = {
    command: command.command,
    args: command.args,
    options: { cwd: folder },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverOptions((name) => settings().get(name)),
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // A server that asks for its settings gets what initializationOptions carried.
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, index) =>
            item.section === SECTION ? serverOptions((name) => settings().get(name)) : answers[index]);
        },
      },
    },
  };
  return new LanguageClient(SECTION, "cio-lint", executable, clientOptions);
}

function showState(state: State, command: ServerCommand): void {
  const words = { [State.Starting]: "starting", [State.Running]: "running", [State.Stopped]: "stopped" };
  status.text = `cio-lint: ${words[state]}`;
  status.detail = describe(command);
  status.severity = state === State.Stopped
    ? vscode.LanguageStatusSeverity.Warning
    : vscode.LanguageStatusSeverity.Information;
}

/** Says why the server did not start and what fixes it, instead of a bare stack trace. */
async function reportStartFailure(command: ServerCommand, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  output.appendLine(`Could not start ${describe(command)}: ${reason}`);
  const openSettings = "Open settings";
  const showOutput = "Show output";
  const choice = await vscode.window.showErrorMessage(
    `cio-lint: could not start \`${describe(command)}\`. Install the server with ` +
      `\`${INSTALL_HINT}\`, or point cio-lint.path or cio-lint.interpreter at it.`,
    openSettings,
    showOutput,
  );
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", SECTION);
  } else if (choice === showOutput) {
    output.show(true);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.dispose();
    } catch (error) {
      output.appendLine(`Stopping the server: ${String(error)}`);
    }
  }
}

async function start(): Promise<void> {
  const command = serverCommand((name) => settings().get(name), workspaceFolder());
  const starting = newClient(command);
  client = starting;
  starting.onDidChangeState((event) => showState(event.newState, command));
  showState(State.Starting, command);
  output.appendLine(`Starting ${describe(command)}`);
  try {
    await starting.start();
  } catch (error) {
    showState(State.Stopped, command);
    if (client === starting) {
      client = undefined;
    }
    // Disposing stops the automatic restarts of a server that cannot start at all.
    await starting.dispose().catch(() => undefined);
    // Not awaited: the notification waits for the user, a restart must not.
    void reportStartFailure(command, error);
  }
}

function restart(): Promise<void> {
  pending = pending.then(stop).then(start);
  return pending;
}

function sendSettings(): void {
  const running = client;
  if (running === undefined || !running.isRunning()) {
    return;
  }
  const settingsOfServer = { [SECTION]: serverOptions((name) => settings().get(name)) };
  running.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsOfServer })
    .catch((error: unknown) => output.appendLine(`Sending settings: ${String(error)}`));
}

function onSettingsChanged(event: vscode.ConfigurationChangeEvent): void {
  if (STARTUP_SETTINGS.some((name) => event.affectsConfiguration(name))) {
    void restart();
  } else if (["select", "extendSelect", "ignore", "configuration"]
    .some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) {
    sendSettings();
  }
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("cio-lint");
  status = vscode.languages.createLanguageStatusItem(SECTION, LANGUAGES);
  status.name = "cio-lint";
  status.command = { title: "Restart", command: "cio-lint.restart" };
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("cio-lint.restart", restart),
    vscode.commands.registerCommand("cio-lint.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration(onSettingsChanged),
    // Trusting the workspace makes its own cio-lint.path and cio-lint.interpreter count.
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    { dispose: () => void stop() },
  );
  return restart();
}

export function deactivate(): Promise<void> {
  return pending.then(stop);
}
