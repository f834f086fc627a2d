"""Runs a reader's FastAPI app where the site's Run button sends it: in Pyodide, in a Web Worker
(docs/assets/javascripts/run-worker.js), and in the test suite under CPython with the installed
FastAPI (tests/unit/test_browser_runner.py), which is how the two are known to answer alike.

The worker calls `preload()` before its memory snapshot, `prepare()` before FastAPI is imported
and `warm_up()` once it is, then `load()` for each Run, `request()` for each Send and `check()`
for "Check my code". Each returns what the worker posts to the page, as plain JSON-able values.
Nothing here words anything for the reader: the text it returns is Python's own (a syntax error,
a traceback, a response) or the course's (a check's messages), and a failure has a `problem`
code the page words in its language.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import json
import linecache
import math
import sys
import sysconfig
import traceback
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

if TYPE_CHECKING:
    import httpx2
    from fastapi import FastAPI

# Where the reader's app is served from, as FastAPI's own TestClient names it.
BASE_URL = "http://testserver"
# The module the reader's code runs as when its file name cannot name one (as `uvicorn main:app`
# imports main.py as `main`); never "__main__", so that an
# `if __name__ == "__main__": uvicorn.run(app)` does not try to start a server.
MODULE_FALLBACK = "reader_app"
# The file name a check's own lines go by.
CHECK_FILENAME = "<check>"
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
OPENAPI_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
INTERNAL_SERVER_ERROR = 500

# Why a Run gave no app, for the page to word.
SYNTAX = "syntax"  # Python could not read the code: `error` is its message, naming the line
RAISED = "raised"  # running the code raised: `error` is the traceback of the reader's lines
NO_APP = "no_app"  # the code ran and defines no FastAPI instance: `error` is empty

# What an example is made of when a schema leaves it open.
EXAMPLE_NUMBER = 1
EXAMPLE_STRING = "example"
EXAMPLE_FORMATS = {
    "date": "2025-01-31",
    "date-time": "2025-01-31T12:00:00Z",
    "time": "12:00:00",
    "duration": "P1D",
    "email": "reader@example.com",
    "uri": "https://example.com/",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
}
# A schema that refers to itself (a tree of models) is followed this deep, then left empty.
EXAMPLE_DEPTH = 6
_EMPTY: dict[Any, Any] = {"object": {}, "array": [], "string": "", "null": None}

# The standard library that FastAPI, Pydantic and httpx2 import, and warm_up() uses, beyond what
# Pyodide starts with (each pulls in the rest of its package). The worker imports them before it
# takes its memory snapshot of the interpreter, so that a later start has them without importing
# them, half a second sooner; tests/unit/test_browser_runner.py fails when FastAPI comes to import
# one more.
STANDARD_LIBRARY = (
    "array",
    "calendar",
    "colorsys",
    "decimal",
    "email.feedparser",
    "email.message",
    "email.parser",
    "encodings.cp437",
    "fractions",
    "hashlib",
    "hmac",
    "html.entities",
    "http.client",
    "http.cookiejar",
    "http.cookies",
    "importlib.metadata._adapters",
    "mimetypes",
    "pickle",
    "queue",
    "secrets",
    "shlex",
    "tarfile",
    "unicodedata",
    "uuid",
    "zoneinfo",
)

# Where the wheels are installed, whose bytecode `bytecode()` keeps.
SITE_PACKAGES = sysconfig.get_path("purelib")
# A pyc's flags (bytes 4 to 8): checked against nothing, neither its source's time nor its hash.
UNCHECKED_PYC = (1).to_bytes(4, "little")

# What the reader's code may raise: any exception, and the two a script ends itself with
# (`sys.exit()`, `raise KeyboardInterrupt`), which must not take the runner down with it.
READERS_MISTAKES = (Exception, SystemExit, KeyboardInterrupt)

# What most readers' apps do, done once before the reader's first Run: FastAPI and Pydantic
# import and build a third of a second's worth of things the first time an app declares a
# model, serves its OpenAPI document, validates a body or refuses one.
WARM_UP_FILENAME = "warm_up.py"
WARM_UP = """
from collections.abc import Iterator

from fastapi import Depends, FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Item(BaseModel):
    name: str = Field(min_length=1)
    price: float = Field(gt=0)
    tags: list[str] = []


def session() -> Iterator[None]:
    yield


@app.post("/items/{item_id}", status_code=201)
def create_item(
    item_id: int, item: Item, q: str | None = None, _: None = Depends(session)
) -> Item:
    return item
"""


class _Loaded:
    """The app of the last Run: a new Run replaces it, whether it loads or not."""

    app: FastAPI | None = None
    module_name: str | None = None
    filename: str = ""


_loaded = _Loaded()


def preload() -> None:
    """Import STANDARD_LIBRARY: nothing but the standard library, which a snapshot of the
    interpreter can hold (no package, no loaded library, no JavaScript object)."""
    for name in STANDARD_LIBRARY:
        importlib.import_module(name)


def prepare() -> None:
    """Run `anyio.to_thread.run_sync` inline: a browser's Python cannot start a thread, and
    FastAPI and Starlette send every `def` endpoint and `def` dependency there. Replacing it
    before FastAPI is imported also reaches the modules that import the function by name
    (FastAPI's telemetry). Under CPython, such functions then run in the event loop's thread,
    as they do in the browser.
    """
    import anyio.to_thread  # the caller imports FastAPI after this

    async def run_inline(
        func: Callable[..., Any],
        *args: object,
        abandon_on_cancel: bool = False,
        cancellable: bool | None = None,
        limiter: object = None,
    ) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_inline


async def warm_up() -> None:
    """Run a small app through a Run, a Send and a refused Send, then forget it."""
    for route in load(WARM_UP, WARM_UP_FILENAME)["routes"]:
        await request(route["method"], route["example_path"], route["example_body"])
        await request(route["method"], route["example_path"], "{}")
    _forget()
    linecache.cache.pop(WARM_UP_FILENAME, None)


def bytecode(folder: str = SITE_PACKAGES) -> bytes:
    """The bytecode Python wrote under `folder` while importing (sys.dont_write_bytecode off),
    as a zip archive to unpack there before the same wheels are imported again: Python then
    reads it instead of compiling their sources, which is most of the time importing FastAPI
    takes in the browser. Each pyc is marked unchecked, since the same wheels installed again
    have new file times.
    """
    root = Path(folder)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as written:  # stored: the worker compresses what it keeps
        for pyc in sorted(root.rglob("__pycache__/*.pyc")):
            data = pyc.read_bytes()
            written.writestr(pyc.relative_to(root).as_posix(), data[:4] + UNCHECKED_PYC + data[8:])
    return archive.getvalue()


def load(source: str, filename: str) -> dict[str, Any]:
    """Run the reader's `source` as a fresh module from `filename`, and find its app.

    Returns `{"ok": True, "routes": [...]}` (see `routes`), or
    `{"ok": False, "problem", "error", "line"}` where `line` is the reader's line the error
    names (None when it names none).
    """
    _forget()
    # Tracebacks and syntax errors quote the reader's lines from here.
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        shown = "".join(traceback.format_exception_only(error)).rstrip("\n")
        return _failed(SYNTAX, shown, error.lineno)
    module = types.ModuleType(_module_name(filename))
    module.__file__ = filename
    # Registered, so that Pydantic finds the reader's names when it resolves an annotation.
    sys.modules[module.__name__] = module
    _loaded.module_name, _loaded.filename = module.__name__, filename
    try:
        exec(code, module.__dict__)
    except READERS_MISTAKES as error:
        return _failed(RAISED, reader_traceback(error, filename), _last_line(error, filename))
    app = _find_app(module)
    if app is None:
        return _failed(NO_APP, "", None)
    _loaded.app = app
    return {"ok": True, "routes": routes(app)}


def _failed(problem: str, error: str, line: int | None) -> dict[str, Any]:
    return {"ok": False, "problem": problem, "error": error, "line": line}


def _forget() -> None:
    if _loaded.module_name is not None:
        sys.modules.pop(_loaded.module_name, None)
    _loaded.app, _loaded.module_name, _loaded.filename = None, None, ""


def _module_name(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].removesuffix(".py")
    # Never in place of a module already imported: a reader's fastapi.py is not FastAPI.
    return stem if stem.isidentifier() and stem not in sys.modules else MODULE_FALLBACK


def _find_app(module: types.ModuleType) -> FastAPI | None:
    from fastapi import FastAPI  # imported after prepare()

    names = vars(module)
    return next(
        (value for value in (names.get("app"), *names.values()) if isinstance(value, FastAPI)),
        None,
    )


def reader_traceback(error: BaseException, filename: str) -> str:
    """A traceback of `error` quoting only the reader's lines (FastAPI's and Starlette's frames
    would bury them), then the exception itself."""
    error = _innermost(error)
    frames = [
        frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == filename
    ]
    quoted = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines = [*(quoted if frames else []), *traceback.format_exception_only(error)]
    return "".join(lines).rstrip("\n")


def _innermost(error: BaseException) -> BaseException:
    # A task group on the way (AnyIO's, Starlette's) may wrap a lone exception in a group.
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    return error


def _last_line(error: BaseException, filename: str) -> int | None:
    lines = [
        frame.lineno
        for frame in traceback.extract_tb(_innermost(error).__traceback__)
        if frame.filename == filename
    ]
    return lines[-1] if lines else None


def routes(app: FastAPI) -> list[dict[str, Any]]:
    """Each operation of the app's OpenAPI document (so not FastAPI's own /docs or
    /openapi.json): `{"method", "path", "example_path", "example_body"}`, the example path
    filled in so that it answers, the example body (JSON text, or None) valid for the body."""
    document = app.openapi()
    found = []
    for path, item in document.get("paths", {}).items():
        for method in OPENAPI_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "example_path": example_path(path, parameters, document),
                    "example_body": example_body(operation, document),
                }
            )
    return found


def example_path(path: str, parameters: list[dict[str, Any]], document: dict[str, Any]) -> str:
    """`path` with each path parameter filled in, and the query parameters it requires."""
    query = []
    for parameter in (_resolve(given, document) for given in parameters):
        text = _as_text(_parameter_example(parameter, document))
        if parameter.get("in") == "path":
            path = path.replace("{" + parameter["name"] + "}", quote(text, safe=""))
        elif parameter.get("in") == "query" and parameter.get("required"):
            query.append((parameter["name"], text))
    return f"{path}?{urlencode(query)}" if query else path


def _parameter_example(parameter: dict[str, Any], document: dict[str, Any]) -> Any:
    if "example" in parameter:
        return parameter["example"]
    for example in parameter.get("examples", {}).values():
        if "value" in example:
            return example["value"]
    return example_value(parameter.get("schema", {}), document)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def example_body(operation: dict[str, Any], document: dict[str, Any]) -> str | None:
    """JSON text valid for the operation's JSON request body, or None when it takes none."""
    body = _resolve(operation.get("requestBody", {}), document)
    media = body.get("content", {}).get("application/json")
    if media is None:
        return None
    value = media["example"] if "example" in media else example_value(media["schema"], document)
    return json.dumps(value, indent=2, ensure_ascii=False)


def example_value(schema: dict[str, Any], document: dict[str, Any], depth: int = 0) -> Any:
    """A value that `schema` (JSON Schema, as FastAPI and Pydantic write it) accepts."""
    schema = _resolve(schema, document)
    for given in ("const", "default"):
        if given in schema:
            return schema[given]
    for given in ("examples", "enum"):
        if schema.get(given):
            return schema[given][0]
    for choice in ("anyOf", "oneOf", "allOf"):
        options = [_resolve(option, document) for option in schema.get(choice, [])]
        if options:
            useful = [option for option in options if option.get("type") != "null"]
            return example_value((useful or options)[0], document, depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((one for one in kind if one != "null"), "null")
    if kind is None and "properties" in schema:
        kind = "object"
    if depth > EXAMPLE_DEPTH:
        return _EMPTY.get(kind)
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: example_value(each, document, depth + 1) for name, each in properties.items()}
    if kind == "array":
        items = schema.get("prefixItems") or [schema.get("items", {})]
        count = max(schema.get("minItems", 1), len(items))
        count = min(count, schema.get("maxItems", count))
        return [
            example_value(items[min(i, len(items) - 1)], document, depth + 1) for i in range(count)
        ]
    if kind in ("integer", "number"):
        return _example_number(schema, integer=kind == "integer")
    if kind == "boolean":
        return True
    if kind == "string":
        return _example_string(schema)
    return _EMPTY.get(kind)


def _example_number(schema: dict[str, Any], *, integer: bool) -> int | float:
    """EXAMPLE_NUMBER when the schema allows it, else the first of its bounds (or the middle of
    them) that it allows."""
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    floor = max((bound for bound in (low, above) if bound is not None), default=None)
    ceiling = min((bound for bound in (high, below) if bound is not None), default=None)
    candidates = [EXAMPLE_NUMBER, low, high]
    candidates += [
        above + 1 if above is not None else None,
        below - 1 if below is not None else None,
    ]
    if floor is not None and ceiling is not None:
        candidates.append((floor + ceiling) / 2)
    step = schema.get("multipleOf") or (1 if integer else None)

    def allowed(value: float) -> bool:
        return (
            (low is None or value >= low)
            and (high is None or value <= high)
            and (above is None or value > above)
            and (below is None or value < below)
        )

    for candidate in candidates:
        if candidate is None:
            continue
        value = math.ceil(candidate / step) * step if step else candidate
        if allowed(value):
            return int(value) if integer else value
    return EXAMPLE_NUMBER


def _example_string(schema: dict[str, Any]) -> str:
    text = EXAMPLE_FORMATS.get(schema.get("format", ""), EXAMPLE_STRING)
    shortest, longest = schema.get("minLength", 0), schema.get("maxLength")
    if len(text) < shortest:
        text = (text * shortest)[:shortest]
    return text if longest is None else text[:longest]


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        found: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            found = found[part]
        schema = found
    return schema


async def request(method: str, path: str, body: str | None) -> dict[str, Any]:
    """Send one request to the app of the last Run, as the reader's HTTP client would.

    Returns `{"status", "reason", "headers": [[name, value], ...], "body"}`: the reason as
    RFC 9110 words it, the body as pretty JSON when it is JSON. An exception in the reader's
    code is a 500 whose body is the traceback of their lines; the app goes on answering.
    """
    import httpx2  # imported after prepare()

    app = _loaded.app
    if app is None:
        raise RuntimeError("request() before a load() that found an app")
    method = method.upper()
    sent: dict[str, Any] = {}
    if body is not None and method in METHODS_WITH_BODY:
        sent = {"content": body.encode(), "headers": {"content-type": "application/json"}}
    async with client(app) as http:
        try:
            response = await http.request(method, _on_app(path), **sent)
        except READERS_MISTAKES as error:  # answered as a server would
            status = INTERNAL_SERVER_ERROR
            headers = [["content-type", "text/plain; charset=utf-8"]]
            shown = reader_traceback(error, _loaded.filename)
        else:
            status = response.status_code
            headers = [[name, value] for name, value in response.headers.multi_items()]
            shown = _shown(response)
    return {
        "status": status,
        # httpx2's table follows RFC 9110, and is the same wheel under CPython and in Pyodide;
        # http.HTTPStatus differs by Python version (3.11 says "Unprocessable Entity").
        "reason": httpx2.codes.get_reason_phrase(status),
        "headers": headers,
        "body": shown,
    }


def client(app: FastAPI) -> httpx2.AsyncClient:
    """An HTTP client that calls `app` in this process: no network, no thread."""
    import httpx2  # imported after prepare()

    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url=BASE_URL)


def _on_app(path: str) -> str:
    return path if path.startswith(("/", "http://", "https://")) else "/" + path


def _shown(response: httpx2.Response) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            return json.dumps(response.json(), indent=2, ensure_ascii=False)
        except ValueError:
            pass  # not JSON after all: shown as the text it is
    return response.content.decode(response.encoding or "utf-8", errors="replace")


async def check(source: str, filename: str, check: str) -> dict[str, Any]:
    """Run an exercise's `check` against the reader's `source`, which becomes the app of the
    last Run.

    The check is Python with top-level `await` and the globals `client` (an HTTP client on the
    reader's app) and `app`. Each top-level `assert` is one result, worded by its message, or
    by its test's source when it has none; an exception in its test fails it, and its words
    end with the exception's last line. The other statements run in order between them.
    Returns `{"results": [{"passed", "words"}], "error", "problem"}`: when the reader's code
    does not load, no result, and `error`/`problem` say why as `load` does; when a statement
    that is not an assert raises, `error` is the exception's last line and every later assert
    fails unrun.
    """
    loaded = load(source, filename)
    if not loaded["ok"]:
        return {"results": [], "error": loaded["error"], "problem": loaded["problem"]}
    app = _loaded.app
    assert app is not None
    statements = ast.parse(check, CHECK_FILENAME).body
    results: list[dict[str, Any]] = []
    stopped: str | None = None
    async with client(app) as http:
        scope: dict[str, Any] = {"client": http, "app": app, "__name__": "__check__"}
        for statement in statements:
            if not isinstance(statement, ast.Assert):
                if stopped is None:
                    try:
                        await _run(ast.Module(body=[statement], type_ignores=[]), "exec", scope)
                    except READERS_MISTAKES as error:  # reported; later asserts fail
                        stopped = _last_words(error)
                continue
            passed, why = False, None
            if stopped is None:
                try:
                    passed = bool(await _run(ast.Expression(statement.test), "eval", scope))
                except READERS_MISTAKES as error:  # fails this assert, and says why
                    why = _last_words(error)
            words = await _words(statement, check, scope)
            results.append({"passed": passed, "words": f"{words} ({why})" if why else words})
    return {"results": results, "error": stopped, "problem": None}


async def _words(statement: ast.Assert, check: str, scope: dict[str, Any]) -> str:
    """An assert's message (run, when it is not a plain string), else its test's source."""
    message = statement.msg
    if message is not None:
        if isinstance(message, ast.Constant):
            return str(message.value)
        try:
            return str(await _run(ast.Expression(message), "eval", scope))
        except Exception:  # its source words it instead
            return ast.get_source_segment(check, message) or ""
    return ast.get_source_segment(check, statement.test) or ""


async def _run(tree: ast.Module | ast.Expression, mode: str, scope: dict[str, Any]) -> Any:
    code = compile(
        ast.fix_missing_locations(tree),
        CHECK_FILENAME,
        mode,
        flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
        dont_inherit=True,
    )
    result = eval(code, scope)
    if code.co_flags & inspect.CO_COROUTINE:  # it awaits at its top level
        result = await result
    return result


def _last_words(error: BaseException) -> str:
    return traceback.format_exception_only(_innermost(error))[-1].strip()
