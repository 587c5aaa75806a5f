"""Which functions of a JavaScript/TypeScript module a framework calls: route handlers,
serverless handlers, server actions and queue workers.

Only clear signals count, as in the Python frontend: a function registered with a path
(``app.post("/signup", fn)``) or a NestJS route decorator, the exports a file's place
makes routes (Next.js ``pages/api/**`` and ``app/**/route.ts``, Vercel ``api/*.ts``), a
``"use server"`` directive, a Lambda ``handler`` export that takes an ``event``, a
Firebase trigger, a BullMQ ``Worker``, a commander ``action``. A function merely named
``handler`` in some other file is not an entry point. Next.js and Vercel entry points are
serverless: the process may be frozen as soon as they return.
"""

from __future__ import annotations

import re
from typing import cast

from tree_sitter import Node as TsNode

from cio_lint.analysis.execution import EntryPoint, EntryRole
from cio_lint.analysis.javascript import syntax
from cio_lint.analysis.javascript.semantic import JsSemantic
from cio_lint.analysis.records import Function

#: Methods that register a handler for an HTTP method and a path (Express, Koa's
#: router, Fastify, Hono).
_VERBS = frozenset(
    {"get", "post", "put", "patch", "delete", "del", "all", "head", "options"}
)
_HTTP_EXPORTS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
#: Firebase / Cloud Functions triggers: the last argument is the function run.
_TRIGGERS = frozenset(
    {"onRequest", "onCall", "onCreate", "onUpdate", "onDelete", "onWrite", "onPublish",
     "onRun", "onSchedule", "onDocumentCreated", "onDocumentUpdated", "onDocumentDeleted",
     "onDocumentWritten", "onMessagePublished", "onObjectFinalized", "onTaskDispatched"}
)
_QUEUE_PACKAGES = ("bull", "bullmq", "bee-queue", "kue")
_ROUTE_FILE = re.compile(r"(^|/)app/(.+/)?route\.[cm]?[jt]sx?$")
_PAGES_API = re.compile(r"(^|/)pages/api/")
#: Vercel serverless functions: ``api/*.ts`` at a project's root.
_VERCEL_API = re.compile(r"(^|/)api/[^/]+$")
#: First parameters of a serverless handler: the event it is invoked with.
_EVENT_NAMES = frozenset({"event", "evt", "_event"})


class JsEntryPoints:
    """Finds every entry point of one module once; answers by function."""

    def __init__(self, semantic: JsSemantic, functions: list[Function]) -> None:
        self.semantic = semantic
        self._by_node = {_node(f).id: f for f in functions}
        self._found: dict[int, EntryPoint] = {}
        self._scan_registrations()
        self._scan_exports()
        self._scan_directives()
        self._scan_decorated()

    def of(self, function: Function) -> EntryPoint | None:
        return self._found.get(_node(function).id)

    def enclosing(self, function: Function | None) -> EntryPoint | None:
        current = function
        while current is not None:
            found = self.of(current)
            if found is not None:
                return found
            current = current.parent
        return None

    # -- recording ------------------------------------------------------------------
    def _add(self, node: TsNode | None, role: EntryRole, description: str) -> None:
        function = self._function(node)
        if function is not None and _node(function).id not in self._found:
            self._found[_node(function).id] = EntryPoint(role, function, description)

    def _function(self, node: TsNode | None) -> Function | None:
        """The function ``node`` is, or the one a name or ``export`` holding it stands for."""
        node = syntax.unwrap(node)
        if node is None:
            return None
        parent = node.parent
        if node.type == "identifier" and parent is not None and (
            parent.type == "variable_declarator" and parent.child_by_field_name("name") == node
        ):
            node = syntax.unwrap(parent.child_by_field_name("value"))  # ``export const x = ...``
        elif node.type == "identifier":
            binding = self.semantic.binding(syntax.text(node), self.semantic.scope_of(node),
                                            node.start_byte)
            node = syntax.unwrap(binding.value) if binding is not None else None
        elif node.type not in syntax.FUNCTION_TYPES:
            node = syntax.unwrap(
                self.semantic.origin(node, self.semantic.scope_of(node), node.start_byte))
        if node is None or node.type not in syntax.FUNCTION_TYPES:
            return None
        return self._by_node.get(node.id)

    # -- registrations: app.post("/x", fn), new Worker(name, fn), onRequest(fn) --------
    def _scan_registrations(self) -> None:
        for site in self.semantic.collected.calls:
            node = site.node
            args = syntax.arguments(node)
            if not args:
                continue
            if node.type == "new_expression":
                self._worker(node, args)
                continue
            callee = syntax.unwrap(node.child_by_field_name("function"))
            parts = syntax.member_parts(callee) if callee is not None else None
            if parts is None:
                self._trigger_call(callee, args)
                continue
            receiver, method = parts
            if method in _VERBS and _is_path(args[0]) and len(args) >= 2:
                verb = "ALL" if method == "all" else method.upper().replace("DEL", "DELETE")
                path = syntax.text(args[0])[1:-1] if syntax.string_value(args[0]) else "…"
                self._add(args[-1], EntryRole.ROUTE, f"route handler `{verb} {path}`")
            elif method in _VERBS and _is_route_chain(receiver):
                self._add(args[-1], EntryRole.ROUTE, "route handler")
            elif method == "action" and _is_command(receiver):
                self._add(args[-1], EntryRole.CLI, "CLI command")
            elif method == "use" and _is_middleware(self._function(args[-1])):
                self._add(args[-1], EntryRole.ROUTE, "middleware")
            elif method == "route" and args[0].type == "object":
                self._fastify_route(args[0])
            elif method == "process" and self._is_queue(receiver):
                self._add(args[-1], EntryRole.TASK, "queue worker")
            elif method == "create" and self._from_package(receiver, "sqs-consumer"):
                self._sqs_consumer(args[0])
            elif method in _TRIGGERS and self._from_package(receiver, "firebase-functions"):
                self._add(args[-1], EntryRole.SERVERLESS, f"Cloud Function (`{method}`)")

    def _trigger_call(self, callee: TsNode | None, args: list[TsNode]) -> None:
        """``onRequest(fn)``, ``onDocumentCreated("users/{id}", fn)`` imported from
        ``firebase-functions/v2/...``."""
        name = syntax.identifier_name(callee)
        if name in _TRIGGERS and self._from_package(callee, "firebase-functions"):
            self._add(args[-1], EntryRole.SERVERLESS, f"Cloud Function (`{name}`)")

    def _worker(self, node: TsNode, args: list[TsNode]) -> None:
        constructor = node.child_by_field_name("constructor")
        qualified = self._qualified(constructor) or ""
        if qualified in ("bullmq.Worker", "bullmq.default.Worker") and len(args) >= 2:
            self._add(args[1], EntryRole.TASK, "BullMQ worker")
        elif qualified.startswith("sqs-consumer"):
            self._sqs_consumer(args[0])

    def _sqs_consumer(self, options: TsNode) -> None:
        """``Consumer.create({ handleMessage: async (message) => ... })``."""
        if options.type != "object":
            return
        for entry in options.named_children:
            if syntax.property_key(entry) in ("handleMessage", "handleMessageBatch"):
                self._add(entry.child_by_field_name("value") or entry, EntryRole.TASK,
                          "SQS consumer `handleMessage`")

    def _fastify_route(self, options: TsNode) -> None:
        keys = {syntax.property_key(entry): entry for entry in options.named_children}
        handler = keys.get("handler")
        if handler is None or not ({"url", "path"} & set(keys)):
            return
        value = handler.child_by_field_name("value") or handler
        self._add(value, EntryRole.ROUTE, "route handler")

    def _is_queue(self, receiver: TsNode) -> bool:
        """``queue.process(...)`` on a Bull or Bee-Queue queue."""
        value = syntax.unwrap(self.semantic.origin(
            receiver, self.semantic.scope_of(receiver), receiver.start_byte))
        if value is None or value.type != "new_expression":
            return False
        qualified = self._qualified(value.child_by_field_name("constructor")) or ""
        return qualified.split(".")[0] in _QUEUE_PACKAGES

    def _from_package(self, node: TsNode | None, package: str) -> bool:
        """Is the root name of ``node`` (``functions`` of ``functions.https``) imported
        from ``package`` (or a subpath of it)?"""
        while node is not None:
            node = syntax.unwrap(node)
            if node is None:
                return False
            if node.type == "call_expression":
                node = node.child_by_field_name("function")
            elif node.type in ("member_expression", "subscript_expression"):
                node = node.child_by_field_name("object")
            else:
                break
        qualified = self._qualified(node) or ""
        return qualified == package or qualified.startswith((f"{package}.", f"{package}/"))

    def _qualified(self, node: TsNode | None) -> str | None:
        if node is None:
            return None
        return self.semantic.qualified(node, self.semantic.scope_of(node), node.start_byte)

    # -- exports: Next.js routes, Lambda handlers ------------------------------------
    def _scan_exports(self) -> None:
        path = self.semantic.path
        exports = self.semantic.collected.exports
        if _PAGES_API.search(path):
            self._add(_default_export(self.semantic.parsed.root), EntryRole.SERVERLESS,
                      "Next.js API route")
        if _ROUTE_FILE.search(path):
            for name in _HTTP_EXPORTS & set(exports):
                self._add(exports[name], EntryRole.SERVERLESS,
                          f"Next.js route handler `{name}`")
        if _PAGES_API.search(path) or _ROUTE_FILE.search(path):
            return
        if _VERCEL_API.search(path):
            default = self._function(_default_export(self.semantic.parsed.root))
            if default is not None and _is_middleware(default):  # ``(req, res)``
                self._add(_node(default), EntryRole.SERVERLESS, "Vercel function")
        for name, value in exports.items():
            if name == "handler" or name.endswith("Handler"):
                value = _wrapped(value)  # ``middy(async (event) => ...)``
                function = self._function(value)
                if function is not None and self._takes_event(function):
                    self._add(value, EntryRole.SERVERLESS, f"Lambda handler `{name}`")

    def _takes_event(self, function: Function) -> bool:
        """``(event)``, ``(event, context)`` or a parameter typed as an AWS event."""
        node = _node(function)
        params = node.child_by_field_name("parameters")
        single = node.child_by_field_name("parameter")
        items = [single] if single is not None else (
            params.named_children if params is not None else []
        )
        if not items:
            return False
        first = items[0]
        pattern = first.child_by_field_name("pattern") or first
        type_node = first.child_by_field_name("type")
        if syntax.identifier_name(pattern) in _EVENT_NAMES:
            return True
        return type_node is not None and "Event" in syntax.text(type_node)

    # -- NestJS: @Post("signup") on a controller method, @Process() on a queue consumer --
    def _scan_decorated(self) -> None:
        for function in self._by_node.values():
            node = _node(function)
            if node.type != "method_definition":
                continue
            decorator = node.prev_named_sibling
            while decorator is not None and decorator.type == "decorator":
                self._decorator(function, decorator)
                decorator = decorator.prev_named_sibling

    def _decorator(self, function: Function, decorator: TsNode) -> None:
        call = decorator.named_children[0] if decorator.named_children else None
        if call is None or call.type != "call_expression":
            return
        callee = call.child_by_field_name("function")
        qualified = self._qualified(callee) or ""
        name = qualified.rsplit(".", 1)[-1]
        if qualified.startswith("@nestjs/common.") and name.lower() in _VERBS:
            self._add(_node(function), EntryRole.ROUTE,
                      f"controller route `{name.upper()} {function.name}`")
        elif qualified.startswith(("@nestjs/bull.", "@nestjs/bullmq.")) and name == "Process":
            self._add(_node(function), EntryRole.TASK, f"queue processor `{function.name}`")

    # -- "use server" ----------------------------------------------------------------
    def _scan_directives(self) -> None:
        if _has_directive(self.semantic.parsed.root, "use server"):
            for value in self.semantic.collected.exports.values():
                self._add(value, EntryRole.SERVERLESS, "server action")
        for function in self._by_node.values():
            body = _node(function).child_by_field_name("body")
            if body is not None and body.type == "statement_block" and _has_directive(
                body, "use server"
            ):
                self._add(_node(function), EntryRole.SERVERLESS,
                          f"server action `{function.name or 'anonymous'}`")


def _wrapped(value: TsNode) -> TsNode:
    """The function a wrapper call is given (``middy(fn)``, ``wrapHandler(fn)``), else
    ``value`` itself."""
    parent = value.parent
    if value.type == "identifier" and parent is not None and (
        parent.type == "variable_declarator" and parent.child_by_field_name("name") == value
    ):
        value = parent.child_by_field_name("value") or value  # ``export const x = ...``
    inner = syntax.unwrap(value) or value
    if inner.type == "call_expression":
        args = syntax.arguments(inner)
        if args and (syntax.unwrap(args[0]) or args[0]).type in syntax.FUNCTION_TYPES:
            return args[0]
    return value


def _is_path(node: TsNode) -> bool:
    """A route path: ``"/signup"``, a template or a regular expression."""
    value = syntax.string_value(node)
    if value is not None:
        return value.startswith("/") or value == "*"
    node = syntax.unwrap(node) or node
    return node.type == "regex" or (
        node.type == "template_string" and syntax.text(node).startswith("`/")
    )


def _is_route_chain(receiver: TsNode) -> bool:
    """``router.route("/x").post(fn)``: a method on a ``route(path)`` call."""
    receiver = syntax.unwrap(receiver) or receiver
    while receiver.type == "call_expression":
        callee = syntax.unwrap(receiver.child_by_field_name("function"))
        parts = syntax.member_parts(callee) if callee is not None else None
        if parts is None:
            return False
        args = syntax.arguments(receiver)
        if parts[1] == "route" and args and _is_path(args[0]):
            return True
        receiver = syntax.unwrap(parts[0]) or parts[0]
    return False


def _is_command(receiver: TsNode) -> bool:
    """``program.command("sync").action(fn)`` (commander): a CLI command."""
    receiver = syntax.unwrap(receiver) or receiver
    while receiver.type == "call_expression":
        callee = syntax.unwrap(receiver.child_by_field_name("function"))
        parts = syntax.member_parts(callee) if callee is not None else None
        if parts is None:
            return False
        if parts[1] == "command":
            return True
        receiver = syntax.unwrap(parts[0]) or parts[0]
    return False


def _is_middleware(function: Function | None) -> bool:
    """``app.use(async (ctx, next) => ...)`` or ``(req, res, next)``: request handling."""
    if function is None:
        return False
    params = _node(function).child_by_field_name("parameters")
    if params is None:
        return False
    names = [syntax.identifier_name(p.child_by_field_name("pattern") or p)
             for p in params.named_children]
    if names[:1] in (["ctx"], ["context"]) and len(names) == 2:
        return True
    return names[:2] in (["req", "res"], ["request", "response"]) or names[:3] == [
        "err", "req", "res"
    ]


def _default_export(root: TsNode) -> TsNode | None:
    """What ``export default`` exports: a function declaration or an expression."""
    for statement in root.named_children:
        if statement.type != "export_statement":
            continue
        if not any(child.type == "default" for child in statement.children):
            continue
        value = statement.child_by_field_name("declaration") or statement.child_by_field_name(
            "value")
        if value is not None:
            return value
    return None


def _has_directive(block: TsNode, directive: str) -> bool:
    """Does ``block`` (a program or function body) open with ``"use server"``?"""
    for child in block.named_children:
        if child.type == "comment":
            continue
        if child.type != "expression_statement" or not child.named_children:
            return False
        if syntax.string_value(child.named_children[0]) == directive:
            return True
        if child.named_children[0].type != "string":
            return False
    return False


def _node(function: Function) -> TsNode:
    return cast(TsNode, function.node)
